package io.fieldline.gateway.forward;

import io.fieldline.gateway.kafka.Forwarder;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.gateway.outbox.AppendResult;
import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.proto.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publish path's {@link Forwarder} when the outbox is enabled: appends the record to the disk
 * outbox and completes once it is durable there (per the fsync policy), which is when the QoS 1
 * PUBACK goes out; {@link OutboxDrainer} sends it to Kafka later. Raw telemetry has priority 1,
 * everything else (edge aggregates, dead letters, ledger) priority 0 = must keep under DEGRADE.
 */
public final class OutboxForwarder implements Forwarder {
    private final DiskOutbox outbox;
    private final AtomicLong shedIncoming = new AtomicLong();

    public OutboxForwarder(DiskOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Future<Void> send(Context ctx, String topic, String key, byte[] value) {
        int priority = Topics.TELEMETRY.name().equals(topic) ? 1 : 0;
        AppendResult r;
        try {
            r = outbox.append(new Envelope(topic, key, value).encode(), priority);
        } catch (RuntimeException e) {
            return Future.failedFuture(
                    new RejectedReadingException(RejectReason.OUTBOX_FULL, e.toString()));
        }
        switch (r.status()) {
            case REJECTED:
                return Future.failedFuture(
                        new RejectedReadingException(
                                RejectReason.OUTBOX_FULL, "outbox full (outbox.max-bytes)"));
            case SHED:
                // Deliberately shed under DEGRADE and counted: acknowledged so the device does
                // not resend what the gateway has decided not to keep.
                shedIncoming.incrementAndGet();
                return Future.succeededFuture();
            default:
                Promise<Void> done = Promise.promise();
                outbox.durable(r.offset())
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

    /** Incoming records the outbox refused as SHED (DEGRADE, lowest priority). */
    public long shedIncoming() {
        return shedIncoming.get();
    }
}
