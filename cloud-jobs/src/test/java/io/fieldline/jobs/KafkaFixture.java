package io.fieldline.jobs;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.proto.Alert;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.WindowAggregate;
import io.fieldline.testkit.EmbeddedKafka;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded Kafka broker for every end-to-end test class in the JVM (started on first use,
 * closed when the test run ends), plus helpers to produce input and parse output.
 */
final class KafkaFixture implements BeforeAllCallback {
    static EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext ctx) {
        ctx.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(
                        "fieldline-embedded-kafka",
                        key -> {
                            EmbeddedKafka k = EmbeddedKafka.start();
                            k.createFieldlineTopics(2);
                            kafka = k;
                            return (AutoCloseable) k::close;
                        });
    }

    /** A MiniCluster with two slots: one parallelism-2 job at a time. */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /** A config whose topics are private to one test (prefix {@code name}), created here. */
    static JobConfig.Builder isolatedConfig(String name) {
        JobConfig.Builder b =
                JobConfig.builder()
                        .withBootstrap(kafka.bootstrapServers())
                        .withGroupId(name)
                        .withTransactionalIdPrefix(name)
                        .withTopicPrefix(name);
        JobConfig cfg = b.build();
        for (String t :
                List.of(
                        cfg.telemetryTopic(),
                        cfg.edgeAggregatesTopic(),
                        cfg.alertsTopic(),
                        cfg.deadLetterTopic(),
                        cfg.ledgerTopic())) {
            kafka.createTopic(t, 2);
        }
        Map<String, String> compact = Map.of("cleanup.policy", "compact");
        kafka.createTopic(cfg.windowAggregatesTopic(), 2, compact);
        kafka.createTopic(cfg.rulesTopic(), 1, compact);
        return b;
    }

    static void send(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    static void sendTelemetry(String topic, List<Telemetry> messages) {
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (Telemetry t : messages) {
                producer.send(new ProducerRecord<>(topic, t.getDeviceId(), t.toByteArray()));
            }
            producer.flush();
        }
    }

    static WindowAggregate parseAggregate(byte[] bytes) {
        try {
            return WindowAggregate.parseFrom(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static LedgerEntry parseLedger(byte[] bytes) {
        try {
            return LedgerEntry.parseFrom(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Alert parseAlert(byte[] bytes) {
        try {
            return Alert.parseFrom(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
