package io.fieldline.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a server-sent event stream over a real HTTP connection, collecting its lines. */
public final class SseClient implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Stream<String> stream;
    private final Thread reader;
    private final int status;
    private final String contentType;

    public SseClient(URI url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Stream<String>> response =
                client.send(
                        HttpRequest.newBuilder(url).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofLines());
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.stream = response.body();
        this.reader = new Thread(() -> stream.forEach(lines::add), "sse-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        stream.close();
    }
}
