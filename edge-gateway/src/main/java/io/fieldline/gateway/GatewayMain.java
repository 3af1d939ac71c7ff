package io.fieldline.gateway;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point: {@code GatewayMain --config gateway.yaml [--kafka.bootstrap host:9092 ...]} (also
 * the skeleton's {@code --kafka-bootstrap}, {@code --mqtt-port}, {@code --gateway-id}). SIGTERM
 * stops accepting, finishes in-flight work and flushes the producer within 10 s.
 */
public final class GatewayMain {
    private static final Duration SHUTDOWN = Duration.ofSeconds(10);

    private GatewayMain() {}

    public static void main(String[] args) throws Exception {
        GatewayConfig config;
        try {
            config = GatewayConfig.parse(args, System.getenv());
        } catch (GatewayConfig.ConfigException e) {
            System.err.println("fieldline gateway: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        Gateway gateway;
        try {
            gateway = Gateway.start(vertx, config, ProducerFactory.kafka()).await();
        } catch (Exception e) { // await() rethrows checked causes too (e.g. BindException)
            // e.g. the MQTT or HTTP port is taken: say so and exit instead of leaving Vert.x up.
            System.err.println("fieldline gateway: could not start: " + e.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    gateway.close(SHUTDOWN)
                                            .eventually(vertx::close)
                                            .onComplete(ar -> stopped.countDown());
                                    try {
                                        stopped.await();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                }));
        stopped.await();
    }
}
