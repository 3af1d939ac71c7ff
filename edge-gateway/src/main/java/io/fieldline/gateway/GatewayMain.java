package io.fieldline.gateway;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Entry point: {@code GatewayMain --kafka-bootstrap host:9092 --mqtt-port 1883 ...}. */
public final class GatewayMain {
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
        Gateway gateway = Gateway.start(vertx, config, ProducerFactory.kafka()).await();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    gateway.close(Duration.ofSeconds(10))
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
