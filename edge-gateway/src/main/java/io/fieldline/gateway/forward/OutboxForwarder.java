package io.fieldline.gateway.forward;

import io.fieldline.gateway.kafka.Forwarder;
import io.fieldline.gateway.model.OutboxLoss;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.gateway.model.ShedReadingException;
import io.fieldline.gateway.outbox.AppendResult;
import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.proto.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The publish path's {@link Forwarder} when the outbox is enabled: appends the record to the disk
 * outbox and completes once it is durable there (per the fsync policy), which is when the QoS 1
 * PUBACK goes out; {@link OutboxDrainer} sends it to Kafka later. Raw telemetry carries the
 * priority its metrics' filter rules give it (default 64); everything else (edge aggregates, dead
 * letters, ledger) priority 0 = must keep under degrade. A refused record fails the future with
 * {@link RejectReason#OUTBOX_FULL}; an incoming reading shed by degrade fails it with {@link
 * ShedReadingException} (the publish path acknowledges it and counts it shed). Both are counted in
 * {@link OutboxLosses}.
 */
public final class OutboxForwarder implements Forwarder {
    private static final int DEFAULT_TELEMETRY_PRIORITY = 64;

    private final DiskOutbox outbox;
    private final OutboxLosses losses;

    public OutboxForwarder(DiskOutbox outbox, OutboxLosses losses) {
        this.outbox = outbox;
        this.losses = losses;
    }

    @Override
    public Future<Void> send(Context ctx, String topic, String key, byte[] value) {
        return send(ctx, topic, key, value, DEFAULT_TELEMETRY_PRIORITY);
    }

    @Override
    public Future<Void> send(Context ctx, String topic, String key, byte[] value, int priority) {
        int p = Topics.TELEMETRY.name().equals(topic) ? Math.max(1, priority) : 0;
        AppendResult r;
        try {
            r = outbox.append(new Envelope(topic, key, value).encode(), p);
        } catch (RuntimeException e) {
            losses.incoming(OutboxLoss.OUTBOX_FULL, topic);
            return Future.failedFuture(
                    new RejectedReadingException(RejectReason.OUTBOX_FULL, e.toString()));
        }
        switch (r.status()) {
            case REJECTED:
                losses.incoming(OutboxLoss.OUTBOX_FULL, topic);
                return Future.failedFuture(
                        new RejectedReadingException(
                                RejectReason.OUTBOX_FULL, "outbox full (outbox.max-bytes)"));
            case SHED:
                losses.incoming(OutboxLoss.OUTBOX_SHED_INCOMING, topic);
                return Future.failedFuture(
                        new ShedReadingException("shed by degrade, priority " + p));
            default:
                return whenDurable(ctx, r.offset());
        }
    }

    private Future<Void> whenDurable(Context ctx, long offset) {
        Promise<Void> done = Promise.promise();
        outbox.durable(offset)
                .whenComplete(
                        (v, e) ->
                                ctx.runOnContext(
                                        x -> {
                                            if (e == null) {
                                                done.complete();
                                            } else {
                                                done.fail(
                                                        new RejectedReadingException(
                                                                RejectReason.OUTBOX_FULL,
                                                                "not durable: " + e));
                                            }
                                        }));
        return done.future();
    }
}
