package io.fieldline.gateway;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.config.GatewayConfig.KafkaSettings;
import io.fieldline.gateway.config.GatewayConfig.OutboxSettings;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.outbox.FsyncPolicy;
import io.fieldline.gateway.outbox.OverflowPolicy;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** A gateway with the outbox on against a test's own broker, for the outage and replay tests. */
final class OutboxTestGateways {
    private OutboxTestGateways() {}

    /**
     * Outbox in {@code dir} (256 MiB, EVERY_BATCH, REJECT_NEW) with the given replay rate and live
     * share; Kafka sends time out after 3 s so the drainer notices an outage quickly.
     */
    static Gateway start(
            Vertx vertx,
            String bootstrap,
            Path dir,
            int sendQueueCapacity,
            int maxReplayPerSecond,
            int liveSharePercent) {
        GatewayConfig base = GatewayTestSupport.config();
        KafkaSettings k = base.kafka();
        GatewayConfig c =
                base.withKafka(
                                new KafkaSettings(
                                        bootstrap,
                                        sendQueueCapacity,
                                        3_000,
                                        k.lingerMs(),
                                        k.batchBytes(),
                                        k.compression()))
                        .withOutbox(
                                new OutboxSettings(
                                        true,
                                        dir.resolve("outbox").toString(),
                                        256L << 20,
                                        FsyncPolicy.EVERY_BATCH,
                                        1000,
                                        OverflowPolicy.REJECT_NEW,
                                        maxReplayPerSecond,
                                        liveSharePercent));
        return GatewayTestSupport.start(vertx, c, ProducerFactory.kafka());
    }

    static double gauge(Gateway g, String name) {
        return g.metrics().registry().get(name).gauge().value();
    }
}
