package io.fieldline.jobs.serde;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.WindowResult;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka sink serializers for the job's outputs: protobuf values keyed by device id, except window
 * aggregates, keyed by their stable window key.
 */
public final class ProtoSerializer {
    private ProtoSerializer() {}

    public static KafkaRecordSerializationSchema<WindowResult> windowAggregates(String topic) {
        return new Schema<>() {
            @Override
            public ProducerRecord<byte[], byte[]> serialize(
                    WindowResult w, KafkaSinkContext context, Long timestamp) {
                // Keyed by the window, so the compacted topic keeps each window's last revision.
                return ProtoRecords.record(topic, w.key(), ProtoRecords.toProto(w).toByteArray());
            }
        };
    }

    public static KafkaRecordSerializationSchema<AlertEvent> alerts(String topic) {
        return new Schema<>() {
            @Override
            public ProducerRecord<byte[], byte[]> serialize(
                    AlertEvent a, KafkaSinkContext context, Long timestamp) {
                return ProtoRecords.record(
                        topic, a.deviceId, ProtoRecords.toProto(a).toByteArray());
            }
        };
    }

    public static KafkaRecordSerializationSchema<DeadLetterRecord> deadLetters(String topic) {
        return new Schema<>() {
            @Override
            public ProducerRecord<byte[], byte[]> serialize(
                    DeadLetterRecord d, KafkaSinkContext context, Long timestamp) {
                String key = d.deviceId == null ? "" : d.deviceId;
                return ProtoRecords.record(topic, key, ProtoRecords.toProto(d).toByteArray());
            }
        };
    }

    public static KafkaRecordSerializationSchema<LedgerRecord> ledger(String topic) {
        return new Schema<>() {
            @Override
            public ProducerRecord<byte[], byte[]> serialize(
                    LedgerRecord r, KafkaSinkContext context, Long timestamp) {
                return ProtoRecords.record(
                        topic, r.deviceId, ProtoRecords.toProto(r).toByteArray());
            }
        };
    }

    private abstract static class Schema<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
    }
}
