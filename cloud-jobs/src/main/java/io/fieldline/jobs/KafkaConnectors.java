package io.fieldline.jobs;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.RuleRecord;
import io.fieldline.jobs.model.WindowResult;
import io.fieldline.jobs.serde.EdgeAggregateDeserializer;
import io.fieldline.jobs.serde.LedgerDeserializer;
import io.fieldline.jobs.serde.ProtoSerializer;
import io.fieldline.jobs.serde.RuleDeserializer;
import io.fieldline.jobs.serde.TelemetryDeserializer;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The job's real edges: the Kafka source and sinks, built from the {@link JobConfig}. */
public final class KafkaConnectors {
    /** Below the broker's default transaction.max.timeout.ms (15 min). */
    private static final String TRANSACTION_TIMEOUT_MS = "600000";

    private KafkaConnectors() {}

    public static KafkaSource<Inbound> telemetrySource(JobConfig cfg) {
        KafkaSourceBuilder<Inbound> b =
                KafkaSource.<Inbound>builder()
                        .setBootstrapServers(cfg.bootstrap())
                        .setTopics(cfg.telemetryTopic())
                        .setGroupId(cfg.groupId())
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new TelemetryDeserializer())
                        .setProperty("isolation.level", "read_committed");
        if (cfg.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    public static KafkaSource<Inbound> edgeAggregatesSource(JobConfig cfg) {
        KafkaSourceBuilder<Inbound> b =
                KafkaSource.<Inbound>builder()
                        .setBootstrapServers(cfg.bootstrap())
                        .setTopics(cfg.edgeAggregatesTopic())
                        .setGroupId(cfg.groupId())
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new EdgeAggregateDeserializer())
                        .setProperty("isolation.level", "read_committed");
        if (cfg.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /** The whole compacted rules topic from the beginning (restores resume from the checkpoint). */
    public static KafkaSource<RuleRecord> rulesSource(JobConfig cfg) {
        KafkaSourceBuilder<RuleRecord> b =
                KafkaSource.<RuleRecord>builder()
                        .setBootstrapServers(cfg.bootstrap())
                        .setTopics(cfg.rulesTopic())
                        .setGroupId(cfg.groupId() + "-rules")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new RuleDeserializer());
        if (cfg.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /** Gateway ledger reports; only committed records, from the committed offset or the start. */
    public static KafkaSource<LedgerRecord> gatewayLedgerSource(JobConfig cfg) {
        KafkaSourceBuilder<LedgerRecord> b =
                KafkaSource.<LedgerRecord>builder()
                        .setBootstrapServers(cfg.bootstrap())
                        .setTopics(cfg.ledgerTopic())
                        .setGroupId(cfg.groupId() + "-ledger")
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new LedgerDeserializer())
                        .setProperty("isolation.level", "read_committed");
        if (cfg.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    public static KafkaSink<LedgerRecord> ledgerSink(JobConfig cfg) {
        return sink(
                cfg,
                ProtoSerializer.ledger(cfg.ledgerTopic()),
                DeliveryGuarantee.EXACTLY_ONCE,
                "ledger");
    }

    public static KafkaSink<WindowResult> aggregatesSink(JobConfig cfg) {
        return sink(
                cfg,
                ProtoSerializer.windowAggregates(cfg.windowAggregatesTopic()),
                DeliveryGuarantee.EXACTLY_ONCE,
                "aggregates");
    }

    public static KafkaSink<AlertEvent> alertsSink(JobConfig cfg) {
        return sink(
                cfg,
                ProtoSerializer.alerts(cfg.alertsTopic()),
                cfg.exactlyOnceAlerts()
                        ? DeliveryGuarantee.EXACTLY_ONCE
                        : DeliveryGuarantee.AT_LEAST_ONCE,
                "alerts");
    }

    public static KafkaSink<DeadLetterRecord> deadLetterSink(JobConfig cfg) {
        return sink(
                cfg,
                ProtoSerializer.deadLetters(cfg.deadLetterTopic()),
                DeliveryGuarantee.AT_LEAST_ONCE,
                "dead-letter");
    }

    private static <T> KafkaSink<T> sink(
            JobConfig cfg,
            KafkaRecordSerializationSchema<T> schema,
            DeliveryGuarantee guarantee,
            String name) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(cfg.bootstrap())
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(cfg.transactionalIdPrefix() + "-" + name)
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .setProperty("enable.idempotence", "true")
                .build();
    }
}
