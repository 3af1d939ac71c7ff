package io.fieldline.gateway.kafka;

import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.proto.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns a protobuf value into a Kafka record with Fieldline's headers (content type, gateway id,
 * schema version), queues it on the {@link KafkaSender} and completes a future on the caller's
 * Vert.x context when Kafka acknowledged it. A full queue or a failed send fails the future with
 * {@link RejectReason#QUEUE_FULL} or {@link RejectReason#KAFKA_SEND_FAILED}.
 */
public final class RecordSink implements Forwarder {
    /**
     * Kafka header (value {@code "1"}, UTF-8) on a record the outbox drainer sends from its live
     * side while a replay's backlog is not yet all sent: the record overtakes older records still
     * in the backlog (see {@code forward/OutboxDrainer} and OUTBOX.md). Absent on every other
     * record. The cloud job holds such a record back until the device's backlog has arrived, so it
     * does not advance the device's event-time clock ahead of the replay.
     */
    public static final String AHEAD_OF_BACKLOG_HEADER = "fieldline-ahead-of-backlog";

    /** The value of {@link #AHEAD_OF_BACKLOG_HEADER}. */
    public static final String AHEAD_OF_BACKLOG_VALUE = "1";

    private static final byte[] AHEAD_OF_BACKLOG_BYTES =
            AHEAD_OF_BACKLOG_VALUE.getBytes(StandardCharsets.UTF_8);

    private final KafkaSender sender;
    private final byte[] gatewayIdHeader;

    public RecordSink(KafkaSender sender, String gatewayId) {
        this.sender = sender;
        this.gatewayIdHeader = gatewayId.getBytes(StandardCharsets.UTF_8);
    }

    /** The Kafka record with Fieldline's headers. */
    public ProducerRecord<String, byte[]> toRecord(String topic, String key, byte[] value) {
        return toRecord(topic, key, value, false);
    }

    /**
     * The Kafka record with Fieldline's headers, plus {@link #AHEAD_OF_BACKLOG_HEADER} when {@code
     * aheadOfBacklog}.
     */
    public ProducerRecord<String, byte[]> toRecord(
            String topic, String key, byte[] value, boolean aheadOfBacklog) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", Topics.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("gateway-id", gatewayIdHeader);
        headers.add("schema-version", Topics.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        if (aheadOfBacklog) {
            headers.add(AHEAD_OF_BACKLOG_HEADER, AHEAD_OF_BACKLOG_BYTES);
        }
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    @Override
    public Future<Void> send(Context ctx, String topic, String key, byte[] value) {
        Promise<Void> done = Promise.promise();
        var record = toRecord(topic, key, value);
        boolean queued =
                sender.offer(
                        record,
                        (md, err) ->
                                ctx.runOnContext(
                                        v -> {
                                            if (err == null) {
                                                done.complete();
                                            } else {
                                                done.fail(
                                                        new RejectedReadingException(
                                                                RejectReason.KAFKA_SEND_FAILED,
                                                                err.toString()));
                                            }
                                        }));
        if (!queued) {
            return Future.failedFuture(
                    new RejectedReadingException(
                            RejectReason.QUEUE_FULL, "send queue full; Kafka is not keeping up"));
        }
        return done.future();
    }

    public KafkaSender sender() {
        return sender;
    }
}
