package io.fieldline.gateway.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Monotonic counters of what happened to records, by reason, for metrics and the loss ledger. They
 * count since this process opened the outbox; they are not persisted.
 */
public final class OutboxCounters {
    final AtomicLong appended = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong ignoredAcks = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong droppedOldest = new AtomicLong();
    final AtomicLong shedDegraded = new AtomicLong();
    final AtomicLong truncatedOnRecovery = new AtomicLong();
    final AtomicLong truncatedBytesOnRecovery = new AtomicLong();

    public long appended() {
        return appended.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    /** Acks for offsets already acknowledged, dropped or shed (e.g. a late Kafka ack). */
    public long ignoredAcks() {
        return ignoredAcks.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long droppedOldest() {
        return droppedOldest.get();
    }

    /** Pending records shed by DEGRADE plus incoming records refused with status SHED. */
    public long shedDegraded() {
        return shedDegraded.get();
    }

    /** Frames cut at recovery (a lower bound when the cut region's lengths were unreadable). */
    public long truncatedOnRecovery() {
        return truncatedOnRecovery.get();
    }

    public long truncatedBytesOnRecovery() {
        return truncatedBytesOnRecovery.get();
    }

    /** All counters by name, in a stable order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("appended", appended());
        m.put("acknowledged", acknowledged());
        m.put("ignoredAcks", ignoredAcks());
        m.put("rejected", rejected());
        m.put("droppedOldest", droppedOldest());
        m.put("shedDegraded", shedDegraded());
        m.put("truncatedOnRecovery", truncatedOnRecovery());
        m.put("truncatedBytesOnRecovery", truncatedBytesOnRecovery());
        return m;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
