package io.fieldline.gateway.forward;

import io.fieldline.gateway.forward.ReplayCursor.Side;
import io.fieldline.gateway.kafka.KafkaSender;
import io.fieldline.gateway.kafka.RecordSink;
import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.gateway.outbox.OutboxRecord;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to Kafka from one thread, at most {@code maxPerSecond} records/s, and
 * acknowledges each record in the outbox when Kafka acknowledged it. At start-up, whenever Kafka
 * comes back after a failure, and when more than a second of sends is waiting, a replay begins: the
 * backlog goes oldest-first while {@code liveSharePercent} of the sends go to records appended
 * since (see {@link ReplayCursor}). After a failed send it waits for everything in flight, backs
 * off (jittered exponential, 100 ms doubling to 10 s) and replays from the first unacknowledged
 * record: records may be sent twice, never skipped.
 */
public final class OutboxDrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);
    private static final int BATCH = 500;
    // Small batches while replaying keep live and backlog sends finely interleaved.
    private static final int REPLAY_BATCH = 64;

    private final DiskOutbox outbox;
    private final KafkaSender sender;
    private final RecordSink records;
    private final long nanosPerRecord;
    private final ReplayCursor cursor;
    private final long backlogThreshold;
    private final Thread thread;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong liveSentInReplay = new AtomicLong();
    private final AtomicLong backlogAcked = new AtomicLong();
    private final DrainRate rate = new DrainRate(System::currentTimeMillis, 5_000);
    private volatile long backlogRecords;
    private volatile boolean replaying;
    private volatile boolean running = true;
    private long replayStartNanos;
    private long nextSendAt = System.nanoTime();

    public OutboxDrainer(
            DiskOutbox outbox, RecordSink records, int maxPerSecond, int liveSharePercent) {
        this.outbox = outbox;
        this.records = records;
        this.sender = records.sender();
        this.nanosPerRecord = maxPerSecond <= 0 ? 0 : 1_000_000_000L / maxPerSecond;
        this.cursor = new ReplayCursor(liveSharePercent / 100.0);
        // Unsent records beyond one second of sends at the replay rate make a backlog.
        this.backlogThreshold = maxPerSecond > 0 ? Math.max(BATCH, maxPerSecond) : 10_000;
        this.thread = new Thread(this::run, "fieldline-outbox-drainer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        startReplay(true);
        int attempt = 0;
        while (running) {
            if (failed.get()) {
                waitForInFlight();
                backOff(attempt++);
                failed.set(false);
                startReplay(true);
                continue;
            }
            if (!replaying && endOffset() - cursor.position() > backlogThreshold) {
                startReplay(false);
            }
            ReplayCursor.Batch batch = cursor.next(outbox, replaying ? REPLAY_BATCH : BATCH);
            if (replaying && !cursor.replaying()) {
                replayDone();
            }
            if (batch.records().isEmpty()) {
                attempt = inFlight.get() == 0 ? 0 : attempt;
                pause(TimeUnit.MILLISECONDS.toNanos(10));
                continue;
            }
            for (OutboxRecord r : batch.records()) {
                if (failed.get() || !running || !send(batch.side(), r)) {
                    break;
                }
                cursor.sent(batch.side(), r);
            }
        }
    }

    /**
     * Backlog = what is pending now (after a failure or at start-up: from the first unacknowledged
     * record; else what the merged cursor has not handed out yet); live = what is appended next.
     */
    private void startReplay(boolean fromFirstUnacknowledged) {
        long end = endOffset();
        if (fromFirstUnacknowledged) {
            cursor.restart(outbox.firstUnacknowledged(), end);
            backlogRecords = outbox.pendingRecords();
        } else {
            backlogRecords = Math.max(0, end - cursor.position());
            cursor.split(end);
        }
        backlogAcked.set(0);
        replaying = true;
        replayStartNanos = System.nanoTime();
        if (backlogRecords > 0) {
            LOG.info("event=outbox-replay-started backlog={} live-from={}", backlogRecords, end);
        }
    }

    private void replayDone() {
        replaying = false;
        if (backlogRecords > 0) {
            double secs = (System.nanoTime() - replayStartNanos) / 1e9;
            LOG.info(
                    "event=outbox-replay-done backlog={} seconds={} live-sent={}",
                    backlogRecords,
                    String.format("%.1f", secs),
                    liveSentInReplay.get());
        }
    }

    // Offsets are dense: each accepted append takes the next one after recovery's end. An
    // estimate that is a little off only moves records between the backlog and the live side.
    private long endOffset() {
        return outbox.recoveryReport().nextOffset() + outbox.counters().appended();
    }

    private boolean send(Side side, OutboxRecord r) {
        pace();
        Envelope e = Envelope.decode(r.payload());
        var record = records.toRecord(e.topic(), e.key(), e.value());
        long offset = r.offset();
        boolean backlog = side == Side.BACKLOG;
        while (!sender.offer(record, (md, err) -> done(offset, backlog, err))) {
            if (!running || failed.get()) {
                return false;
            }
            pause(TimeUnit.MILLISECONDS.toNanos(2));
        }
        inFlight.incrementAndGet();
        sent.incrementAndGet();
        if (!backlog && replaying) {
            liveSentInReplay.incrementAndGet();
        }
        return true;
    }

    private void done(long offset, boolean backlog, Exception err) {
        try {
            if (err == null) {
                acked.incrementAndGet();
                rate.record(1);
                if (backlog) {
                    backlogAcked.incrementAndGet();
                }
                outbox.acknowledge(offset);
            } else {
                failures.incrementAndGet();
                failed.set(true);
                LOG.debug("event=outbox-send-failed offset={} error={}", offset, err.toString());
            }
        } catch (RuntimeException ex) {
            LOG.debug("event=outbox-ack-after-close offset={}", offset);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void pace() {
        if (nanosPerRecord == 0) {
            return;
        }
        long now = System.nanoTime();
        // At most one second of burst after an idle period.
        nextSendAt = Math.max(nextSendAt, now - 1_000_000_000L) + nanosPerRecord;
        if (nextSendAt > now) {
            pause(nextSendAt - now);
        }
    }

    private void waitForInFlight() {
        while (running && inFlight.get() > 0) {
            pause(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private void backOff(int attempt) {
        long capMs = Math.min(10_000L, 100L << Math.min(attempt, 7));
        long delayMs = capMs / 2 + ThreadLocalRandom.current().nextLong(capMs / 2 + 1);
        LOG.info("event=outbox-backoff attempt={} delay-ms={}", attempt + 1, delayMs);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        while (running && System.nanoTime() < until) {
            pause(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static void pause(long nanos) {
        LockSupport.parkNanos(nanos);
    }

    /** Records handed to the producer (re-sends included), acknowledged by Kafka, failed. */
    public long sent() {
        return sent.get();
    }

    public long acked() {
        return acked.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Records/s Kafka acknowledged over the last 5 s. */
    public double drainRate() {
        return rate.perSecond();
    }

    /** Live records handed to Kafka while a backlog was being replayed (this process). */
    public long liveSentDuringReplay() {
        return liveSentInReplay.get();
    }

    /** Backlog of the current replay (0 when none): its size at the start, and what is left. */
    public long replayBacklog() {
        return replaying ? backlogRecords : 0;
    }

    public long replayRemaining() {
        return replaying ? Math.max(0, backlogRecords - backlogAcked.get()) : 0;
    }

    /** Stops sending; records in flight complete (or fail) when the sender closes. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
