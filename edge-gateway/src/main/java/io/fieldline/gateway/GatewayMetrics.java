package io.fieldline.gateway;

import io.fieldline.gateway.functions.PublishHandler;
import io.fieldline.gateway.model.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the gateway received, forwarded and rejected (by reason). */
public final class GatewayMetrics implements PublishHandler.Listener {
    private final LongAdder connections = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);

    public GatewayMetrics() {
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    void connectionOpened() {
        connections.increment();
    }

    void connectionClosed() {
        connections.decrement();
    }

    @Override
    public void received() {
        received.increment();
    }

    @Override
    public void forwarded() {
        forwarded.increment();
    }

    @Override
    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void deadLettered() {
        deadLettered.increment();
    }

    public long connectionCount() {
        return connections.sum();
    }

    /** Publishes received on a telemetry topic, good or bad. */
    public long receivedCount() {
        return received.sum();
    }

    /** Telemetry records Kafka acknowledged. */
    public long forwardedCount() {
        return forwarded.sum();
    }

    public long rejectedCount(RejectReason reason) {
        return rejected.get(reason).sum();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Dead-letter records Kafka acknowledged. */
    public long deadLetteredCount() {
        return deadLettered.sum();
    }

    @Override
    public String toString() {
        return "received="
                + receivedCount()
                + " forwarded="
                + forwardedCount()
                + " rejected="
                + rejectedTotal()
                + " dead-lettered="
                + deadLetteredCount();
    }
}
