package io.fieldline.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;

/** A running API, as started by {@link ApiMain#start}: its URL, and {@link #close()} to stop it. */
public final class ApiServer implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer server;

    ApiServer(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8080/}; the dashboard is served there. */
    public URI url() {
        return URI.create("http://" + server.getHost() + ":" + server.getPort() + "/");
    }

    public int port() {
        return server.getPort();
    }

    /** Stops the HTTP server, the Kafka consumer and producer. */
    @Override
    public void close() {
        context.close();
    }
}
