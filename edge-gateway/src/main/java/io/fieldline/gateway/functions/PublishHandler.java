package io.fieldline.gateway.functions;

import com.google.protobuf.ByteString;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.forward.OutboxLosses;
import io.fieldline.gateway.kafka.Forwarder;
import io.fieldline.gateway.model.FilterReason;
import io.fieldline.gateway.model.OutboxLoss;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.gateway.model.ShedReadingException;
import io.fieldline.gateway.sparkplug.SparkplugDecoder;
import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.EdgeAggregate;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The publish path as named steps: map topic → check size → decode (JSON, protobuf, or Sparkplug B
 * on {@code spBv1.0/...} topics) → validate → filter → forward raw and/or pre-aggregate, or
 * dead-letter on a rejection. The returned future succeeds once the outcome is durable (in Kafka,
 * or folded into an edge aggregate, or deliberately filtered), which is when a QoS 1 publish may be
 * acknowledged; it fails when the gateway could not take it.
 */
public final class PublishHandler {
    private static final RateLimitedLog BAD_INPUT_LOG =
            new RateLimitedLog(LoggerFactory.getLogger(PublishHandler.class), 10_000);

    /** Receives the outcome of every publish, for metrics and the ledger. */
    public interface Listener {
        void received();

        void forwarded(long latencyNanos);

        void rejected(RejectReason reason);

        void filtered(FilterReason reason, int readings);

        void deadLettered();

        void aggregatesForwarded(int count);
    }

    private final GatewayConfig config;
    private final TopicMapper topics;
    private final PayloadDecoding decoding;
    private final SparkplugDecoder sparkplug = new SparkplugDecoder();
    private final TelemetryValidator validator;
    private final ReadingFilters filters;
    private final EdgeAggregator aggregator;
    private final Forwarder sink;
    private final Listener listener;
    private final DeviceLedger ledger;
    private String filteringDevice = ""; // the device whose reading filters.apply is checking

    public PublishHandler(GatewayConfig config, Forwarder sink, Listener listener) {
        this.config = config;
        this.topics = new TopicMapper(config.mqtt().topicPrefix(), config.mqtt().topicSuffix());
        this.decoding = new PayloadDecoding(config.mqtt().payloadFormat());
        this.validator = new TelemetryValidator(config.validation());
        this.filters = new ReadingFilters(config.filters(), config.dedupWindow(), this::onFiltered);
        this.aggregator =
                new EdgeAggregator(
                        config.aggregation().windowMs(),
                        config.aggregation().allowedLatenessMs(),
                        config.gatewayId());
        this.sink = sink;
        this.listener = listener;
        this.ledger = new DeviceLedger(config.gatewayId(), System.currentTimeMillis());
    }

    private void onFiltered(FilterReason reason, int measurements) {
        listener.filtered(reason, measurements);
        if (reason == FilterReason.DUPLICATE) {
            ledger.duplicate(filteringDevice);
        } else {
            ledger.filtered(filteringDevice, reason.name(), measurements);
        }
    }

    public Future<Void> handle(Context ctx, String topic, byte[] payload, long receivedAtMs) {
        return handle(ctx, topic, payload, null, receivedAtMs);
    }

    public Future<Void> handle(
            Context ctx, String topic, byte[] payload, String contentType, long receivedAtMs) {
        long startNanos = System.nanoTime();
        listener.received();
        List<Telemetry> readings;
        try {
            readings = toTelemetry(topic, payload, contentType, receivedAtMs);
        } catch (RejectedReadingException e) {
            return deadLetter(ctx, topic, payload, contentType, receivedAtMs, e);
        }
        if (readings.size() == 1) {
            return filterAndForward(ctx, readings.get(0), receivedAtMs, startNanos);
        }
        List<Future<Void>> all = new ArrayList<>(readings.size());
        readings.forEach(t -> all.add(filterAndForward(ctx, t, receivedAtMs, startNanos)));
        return Future.all(all).mapEmpty();
    }

    List<Telemetry> toTelemetry(String topic, byte[] payload, String contentType, long receivedAt)
            throws RejectedReadingException {
        boolean isSparkplug = SparkplugDecoder.handles(topic);
        String deviceId = isSparkplug ? SparkplugDecoder.deviceIdOf(topic) : topics.deviceId(topic);
        if (payload.length > config.mqtt().maxMessageBytes()) {
            throw new RejectedReadingException(
                    RejectReason.PAYLOAD_TOO_LARGE,
                    payload.length
                            + " bytes > mqtt.max-message-bytes "
                            + config.mqtt().maxMessageBytes());
        }
        List<Telemetry.Builder> decoded =
                isSparkplug
                        ? sparkplug.decode(topic, payload).readings()
                        : decoding.decode(payload, contentType);
        List<Telemetry> out = new ArrayList<>(decoded.size());
        for (Telemetry.Builder b : decoded) {
            validator.validate(b, receivedAt);
            out.add(
                    b.setDeviceId(deviceId)
                            .setGatewayId(config.gatewayId())
                            .setReceiveTimeMs(receivedAt)
                            .build());
        }
        return out;
    }

    private Future<Void> filterAndForward(
            Context ctx, Telemetry t, long receivedAtMs, long startNanos) {
        String device = t.getDeviceId();
        ledger.received(device, t.getSeq());
        filteringDevice = device;
        ReadingFilters.Outcome outcome = filters.apply(t, receivedAtMs);
        for (Measurement m : outcome.aggregate()) {
            if (!aggregator.add(device, m.getMetric(), t.getEventTimeMs(), m.getValue())) {
                onFiltered(FilterReason.LATE_FOR_AGGREGATE, 1);
            }
        }
        if (outcome.raw().isEmpty()) {
            return Future.succeededFuture();
        }
        Telemetry forward =
                outcome.raw().size() == t.getMeasurementsCount()
                        ? t
                        : t.toBuilder()
                                .clearMeasurements()
                                .addAllMeasurements(outcome.raw())
                                .build();
        int priority = filters.outboxPriority(forward.getMeasurementsList());
        return send(ctx, Topics.TELEMETRY.name(), device, forward.toByteArray(), priority)
                .transform(
                        ar -> {
                            if (ar.succeeded()) {
                                listener.forwarded(System.nanoTime() - startNanos);
                                ledger.forwarded(device);
                                return Future.<Void>succeededFuture();
                            }
                            if (ar.cause() instanceof ShedReadingException) {
                                // Deliberately shed (degrade): acknowledged, counted, not resent.
                                ledger.shed(device, OutboxLoss.OUTBOX_SHED_INCOMING.name());
                                return Future.<Void>succeededFuture();
                            }
                            // Not acknowledged: the device resends, which must not be a duplicate.
                            filters.forget(t);
                            ledger.rejected(device, reasonOf(ar.cause()), false);
                            return Future.<Void>failedFuture(ar.cause());
                        });
    }

    private static String reasonOf(Throwable e) {
        return e instanceof RejectedReadingException r
                ? r.reason().name()
                : RejectReason.KAFKA_SEND_FAILED.name();
    }

    private Future<Void> deadLetter(
            Context ctx,
            String topic,
            byte[] payload,
            String contentType,
            long receivedAtMs,
            RejectedReadingException e) {
        listener.rejected(e.reason());
        String deviceId = deviceIdOrEmpty(topic);
        ledger.rejected(deviceId, e.reason().name(), true);
        BAD_INPUT_LOG.warn(
                e.reason().name(),
                "event=rejected device="
                        + deviceId
                        + " topic="
                        + topic
                        + " reason="
                        + e.reason()
                        + " detail=\""
                        + e.getMessage()
                        + "\"");
        DeadLetter dl =
                DeadLetter.newBuilder()
                        .setPayload(ByteString.copyFrom(payload))
                        .setSourceTopic(topic)
                        .setDeviceId(deviceId)
                        .setReasonCode(e.reason().name())
                        .setReason(e.getMessage())
                        .setReceiveTimeMs(receivedAtMs)
                        .setGatewayId(config.gatewayId())
                        .setContentType(contentType == null ? "" : contentType)
                        .build();
        String key = deviceId.isEmpty() ? null : deviceId;
        return send(ctx, Topics.DEAD_LETTER.name(), key, dl.toByteArray())
                .onSuccess(v -> listener.deadLettered());
    }

    /** Sends the aggregates whose windows closed by {@code nowMs} (all of them if {@code all}). */
    public Future<Void> flushAggregates(Context ctx, long nowMs, boolean all) {
        List<EdgeAggregate> closed = all ? aggregator.emitAll(nowMs) : aggregator.emitUpTo(nowMs);
        List<Future<Void>> sends = new ArrayList<>(closed.size());
        for (EdgeAggregate a : closed) {
            sends.add(
                    send(ctx, Topics.EDGE_AGGREGATES.name(), a.getDeviceId(), a.toByteArray())
                            .onSuccess(v -> listener.aggregatesForwarded(1)));
        }
        return Future.all(sends).mapEmpty();
    }

    /**
     * Publishes one {@code LedgerEntry} per device active since the previous call to {@code
     * fieldline.ledger} (key: device id) and starts a new ledger window.
     */
    public Future<Void> flushLedger(Context ctx, long nowMs) {
        List<Future<Void>> sends = new ArrayList<>();
        for (LedgerEntry e : ledger.drain(nowMs)) {
            sends.add(
                    send(ctx, Topics.LEDGER.name(), e.getDeviceId(), e.toByteArray())
                            .onFailure(
                                    x -> {
                                        // Known not stored (outbox or send queue full): report
                                        // these counts in the next window instead.
                                        if (x instanceof RejectedReadingException r
                                                && r.reason() != RejectReason.KAFKA_SEND_FAILED) {
                                            ledger.restore(e);
                                        }
                                    }));
        }
        return Future.all(sends).mapEmpty();
    }

    private String deviceIdOrEmpty(String topic) {
        if (SparkplugDecoder.handles(topic)) {
            return SparkplugDecoder.deviceIdOf(topic);
        }
        try {
            return topics.deviceId(topic);
        } catch (RejectedReadingException e) {
            return "";
        }
    }

    /** Accounts, in this handler's ledger, what the outbox dropped or shed after storing it. */
    public OutboxLosses.Ledger outboxLedger() {
        return ledger;
    }

    private Future<Void> send(Context ctx, String topic, String key, byte[] value) {
        return counted(sink.send(ctx, topic, key, value));
    }

    private Future<Void> send(Context ctx, String topic, String key, byte[] value, int priority) {
        return counted(sink.send(ctx, topic, key, value, priority));
    }

    private Future<Void> counted(Future<Void> sent) {
        return sent.onFailure(
                e -> {
                    if (e instanceof RejectedReadingException r) {
                        listener.rejected(r.reason());
                    }
                });
    }
}
