package io.fieldline.gateway.functions;

import com.google.protobuf.ByteString;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.KafkaSender;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.LoggerFactory;

/**
 * The publish path as named steps: map topic → decode (which validates) → forward to Kafka, or
 * dead-letter on a rejection. The returned future succeeds once the outcome is durable in Kafka
 * (the telemetry record or its dead letter), which is when a QoS 1 publish may be acknowledged; it
 * fails when the gateway could not take responsibility for the reading.
 */
public final class PublishHandler {
    private static final RateLimitedLog BAD_INPUT_LOG =
            new RateLimitedLog(LoggerFactory.getLogger(PublishHandler.class), 10_000);

    /** Receives the outcome of every publish, for metrics and the ledger. */
    public interface Listener {
        void received();

        void forwarded();

        void rejected(RejectReason reason);

        void deadLettered();
    }

    private final GatewayConfig config;
    private final TopicMapper topics;
    private final JsonTelemetryDecoder decoder = new JsonTelemetryDecoder();
    private final KafkaSender sender;
    private final Listener listener;

    public PublishHandler(GatewayConfig config, KafkaSender sender, Listener listener) {
        this.config = config;
        this.topics = new TopicMapper(config.topicPrefix(), config.topicSuffix());
        this.sender = sender;
        this.listener = listener;
    }

    public Future<Void> handle(Context ctx, String topic, byte[] payload, long receivedAtMs) {
        listener.received();
        Telemetry telemetry;
        try {
            telemetry = toTelemetry(topic, payload, receivedAtMs);
        } catch (RejectedReadingException e) {
            return deadLetter(ctx, topic, payload, receivedAtMs, e);
        }
        return forward(ctx, telemetry);
    }

    Telemetry toTelemetry(String topic, byte[] payload, long receivedAtMs)
            throws RejectedReadingException {
        String deviceId = topics.deviceId(topic);
        if (payload.length > config.maxMessageBytes()) {
            throw new RejectedReadingException(
                    RejectReason.PAYLOAD_TOO_LARGE,
                    payload.length + " bytes > max-message-bytes " + config.maxMessageBytes());
        }
        return decoder.decode(payload)
                .setDeviceId(deviceId)
                .setGatewayId(config.gatewayId())
                .setReceiveTimeMs(receivedAtMs)
                .build();
    }

    private Future<Void> forward(Context ctx, Telemetry t) {
        return send(ctx, Topics.TELEMETRY.name(), t.getDeviceId(), t.toByteArray())
                .onSuccess(v -> listener.forwarded());
    }

    private Future<Void> deadLetter(
            Context ctx,
            String topic,
            byte[] payload,
            long receivedAtMs,
            RejectedReadingException e) {
        listener.rejected(e.reason());
        String deviceId = deviceIdOrEmpty(topic);
        BAD_INPUT_LOG.warn(
                e.reason().name(),
                "rejected publish on '" + topic + "': " + e.reason() + ": " + e.getMessage());
        DeadLetter dl =
                DeadLetter.newBuilder()
                        .setPayload(ByteString.copyFrom(payload))
                        .setSourceTopic(topic)
                        .setDeviceId(deviceId)
                        .setReasonCode(e.reason().name())
                        .setReason(e.getMessage())
                        .setReceiveTimeMs(receivedAtMs)
                        .setGatewayId(config.gatewayId())
                        .build();
        String key = deviceId.isEmpty() ? null : deviceId;
        return send(ctx, Topics.DEAD_LETTER.name(), key, dl.toByteArray())
                .onSuccess(v -> listener.deadLettered());
    }

    private String deviceIdOrEmpty(String topic) {
        try {
            return topics.deviceId(topic);
        } catch (RejectedReadingException e) {
            return "";
        }
    }

    private Future<Void> send(Context ctx, String topic, String key, byte[] value) {
        Promise<Void> done = Promise.promise();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", Topics.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("gateway-id", config.gatewayId().getBytes(StandardCharsets.UTF_8));
        headers.add("schema-version", Topics.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        var record = new ProducerRecord<>(topic, null, key, value, headers);
        boolean queued =
                sender.offer(
                        record,
                        (md, err) ->
                                ctx.runOnContext(
                                        v -> {
                                            if (err == null) {
                                                done.complete();
                                            } else {
                                                listener.rejected(RejectReason.KAFKA_SEND_FAILED);
                                                done.fail(err);
                                            }
                                        }));
        if (!queued) {
            listener.rejected(RejectReason.QUEUE_FULL);
            return Future.failedFuture(
                    new RejectedReadingException(
                            RejectReason.QUEUE_FULL, "send queue full; Kafka is not keeping up"));
        }
        return done.future();
    }
}
