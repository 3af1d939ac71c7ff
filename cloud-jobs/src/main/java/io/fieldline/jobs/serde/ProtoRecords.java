package io.fieldline.jobs.serde;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.WindowResult;
import io.fieldline.proto.Alert;
import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Conversions from the job's POJOs to the protobuf contract and Kafka records. */
public final class ProtoRecords {
    private ProtoRecords() {}

    public static WindowAggregate toProto(WindowResult w) {
        return WindowAggregate.newBuilder()
                .setDeviceId(w.deviceId)
                .setMetric(w.metric)
                .setWindowStartMs(w.windowStartMs)
                .setWindowEndMs(w.windowEndMs)
                .setCount(w.count)
                .setMin(w.min)
                .setMax(w.max)
                .setMean(w.mean)
                .setSum(w.sum)
                .setSumOfSquares(w.sumOfSquares)
                .setWindowKind(w.windowKind)
                .setRevision(w.revision)
                .setKey(w.key())
                .build();
    }

    public static Alert toProto(AlertEvent a) {
        Alert.Builder b =
                Alert.newBuilder()
                        .setAlertId(a.alertId)
                        .setDeviceId(a.deviceId)
                        .setMetric(nullToEmpty(a.metric))
                        .setKind(a.kind)
                        .setSeverity(a.severity)
                        .setEventTimeMs(a.eventTimeMs)
                        .setDetectionTimeMs(a.detectionTimeMs)
                        .setScore(a.score)
                        .setMessage(nullToEmpty(a.message))
                        .setValue(a.value)
                        .setRuleId(nullToEmpty(a.ruleId))
                        .setCleared(a.cleared);
        if (a.evidence != null) {
            b.putAllEvidence(a.evidence);
        }
        return b.build();
    }

    public static DeadLetter toProto(DeadLetterRecord d) {
        return DeadLetter.newBuilder()
                .setPayload(com.google.protobuf.ByteString.copyFrom(d.payload))
                .setSourceTopic(nullToEmpty(d.sourceTopic))
                .setDeviceId(nullToEmpty(d.deviceId))
                .setReasonCode(nullToEmpty(d.reasonCode))
                .setReason(nullToEmpty(d.reason))
                .setReceiveTimeMs(d.receiveTimeMs)
                .build();
    }

    /** The cloud's view of one device window (source CLOUD). */
    public static LedgerEntry toProto(LedgerRecord r) {
        return LedgerEntry.newBuilder()
                .setSource(LedgerSource.CLOUD)
                .setGatewayId(nullToEmpty(r.gatewayId))
                .setDeviceId(r.deviceId)
                .setWindowStartMs(r.windowStartMs)
                .setWindowEndMs(r.windowEndMs)
                .setReceived(r.received)
                .setForwarded(r.forwarded)
                .setFiltered(r.filtered)
                .setRejected(r.rejected)
                .setShed(r.shed)
                .putAllDroppedByReason(r.droppedByReason)
                .setDuplicates(r.duplicates)
                .setFirstSeq(r.firstSeq)
                .setLastSeq(r.lastSeq)
                .setExpected(r.expected)
                .setMissing(r.missing)
                .setRevision(r.revision)
                .setLate(r.late)
                .setRefused(r.refused)
                .build();
    }

    /**
     * A record with the given key (device id, or a window's key), with the content-type and
     * schema-version headers.
     */
    public static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        ProducerRecord<byte[], byte[]> r =
                new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
        r.headers().add("content-type", Topics.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        r.headers().add("schema-version", Topics.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
