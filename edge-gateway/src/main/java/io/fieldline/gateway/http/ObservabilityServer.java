package io.fieldline.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * A small HTTP server for operators and Prometheus: {@code /metrics} (text exposition), {@code
 * /health} (the process is alive: always 200 while it runs) and {@code /ready} (200 when the
 * gateway can take data, 503 otherwise, e.g. while Kafka is unreachable).
 */
public final class ObservabilityServer {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private ObservabilityServer(HttpServer server) {
        this.server = server;
    }

    public static Future<ObservabilityServer> start(
            Vertx vertx,
            String host,
            int port,
            Supplier<String> metrics,
            Supplier<String> notReady) {
        HttpServer server =
                vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        server.requestHandler(req -> route(req, metrics, notReady));
        return server.listen().map(ObservabilityServer::new);
    }

    private static void route(
            HttpServerRequest req, Supplier<String> metrics, Supplier<String> notReady) {
        var resp = req.response();
        switch (req.path()) {
            case "/metrics" -> resp.putHeader("content-type", PROMETHEUS_TEXT).end(metrics.get());
            case "/health" -> resp.putHeader("content-type", "text/plain").end("UP\n");
            case "/ready" -> {
                // The body says why: "NOT READY: Kafka unreachable", "NOT READY: outbox full".
                String why = notReady.get();
                resp.setStatusCode(why == null ? 200 : 503)
                        .putHeader("content-type", "text/plain")
                        .end(why == null ? "READY\n" : "NOT READY: " + why + "\n");
            }
            default -> resp.setStatusCode(404).end();
        }
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }
}
