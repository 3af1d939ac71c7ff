package io.fieldline.gateway.forward;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drainer's current replay: the backlog it began with, how much of it Kafka acknowledged, and
 * the live records sent meanwhile, for the gauges and the start/done log lines. Written by the
 * drainer thread and Kafka's I/O thread, read by scrapes.
 */
final class ReplayProgress {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);

    private final AtomicLong backlogAcked = new AtomicLong();
    private final AtomicLong liveSent = new AtomicLong();
    private volatile long backlog;
    private volatile boolean active;
    private long startNanos;

    void started(long backlogRecords, long liveFrom) {
        backlogAcked.set(0);
        backlog = backlogRecords;
        active = true;
        startNanos = System.nanoTime();
        if (backlogRecords > 0) {
            LOG.info(
                    "event=outbox-replay-started backlog={} live-from={}",
                    backlogRecords,
                    liveFrom);
        }
    }

    void done() {
        active = false;
        if (backlog > 0) {
            LOG.info(
                    "event=outbox-replay-done backlog={} seconds={} live-sent={}",
                    backlog,
                    String.format("%.1f", (System.nanoTime() - startNanos) / 1e9),
                    liveSent.get());
        }
    }

    boolean active() {
        return active;
    }

    void liveSent() {
        liveSent.incrementAndGet();
    }

    void backlogAcked() {
        backlogAcked.incrementAndGet();
    }

    /** Live records sent while a backlog was replayed (this process). */
    long liveSentTotal() {
        return liveSent.get();
    }

    /** The backlog the current replay began with (0 when none). */
    long backlog() {
        return active ? backlog : 0;
    }

    /** What Kafka has not acknowledged of it yet (0 when no replay). */
    long remaining() {
        return active ? Math.max(0, backlog - backlogAcked.get()) : 0;
    }
}
