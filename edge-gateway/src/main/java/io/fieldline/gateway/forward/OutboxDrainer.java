package io.fieldline.gateway.forward;

import io.fieldline.gateway.forward.ReplayCursor.Side;
import io.fieldline.gateway.kafka.KafkaSender;
import io.fieldline.gateway.kafka.RecordSink;
import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.gateway.outbox.OutboxRecord;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>A record sent from the live side while the replay's backlog is not yet all handed to the
 * producer ({@link ReplayCursor#replaying()}) overtakes older records of the backlog: it carries
 * the Kafka header {@link RecordSink#AHEAD_OF_BACKLOG_HEADER} ({@code fieldline-ahead-of-backlog:
 * 1}), so the cloud job can hold it back until the device's backlog has arrived instead of letting
 * it advance the device's event-time clock. Backlog records, and every record sent when no replay
 * is on, carry no such header.
 */
public final class OutboxDrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);
    private static final int BATCH = 500;
    // Small batches while replaying keep live and backlog sends finely interleaved.
    private static final int REPLAY_BATCH = 64;

    private final DiskOutbox outbox;
    private final KafkaSender sender;
    private final RecordSink records;
    private final SendPacer pacer;
    private final ReplayCursor cursor;
    private final long backlogThreshold;
    private final Thread thread;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final DrainRate rate = new DrainRate(System::currentTimeMillis, 5_000);
    private final ReplayProgress replay = new ReplayProgress();
    private volatile boolean running = true;

    public OutboxDrainer(
            DiskOutbox outbox, RecordSink records, int maxPerSecond, int liveSharePercent) {
        this.outbox = outbox;
        this.records = records;
        this.sender = records.sender();
        this.pacer = new SendPacer(maxPerSecond);
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
                SendPacer.backOff(attempt++, () -> running);
                failed.set(false);
                startReplay(true);
                continue;
            }
            if (!replay.active() && outbox.nextOffset() - cursor.position() > backlogThreshold) {
                startReplay(false);
            }
            ReplayCursor.Batch batch = cursor.next(outbox, replay.active() ? REPLAY_BATCH : BATCH);
            if (replay.active() && !cursor.replaying()) {
                replay.done();
            }
            if (batch.records().isEmpty()) {
                attempt = inFlight.get() == 0 ? 0 : attempt;
                SendPacer.pause(TimeUnit.MILLISECONDS.toNanos(10));
                continue;
            }
            // Only next() changes replaying(), so it holds for the whole batch.
            boolean aheadOfBacklog = batch.side() == Side.LIVE && cursor.replaying();
            for (OutboxRecord r : batch.records()) {
                if (failed.get() || !running || !send(batch.side(), aheadOfBacklog, r)) {
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
        long end = outbox.nextOffset();
        long backlog;
        if (fromFirstUnacknowledged) {
            cursor.restart(outbox.firstUnacknowledged(), end);
            backlog = outbox.pendingRecords();
        } else {
            backlog = Math.max(0, end - cursor.position());
            cursor.split(end);
        }
        replay.started(backlog, end);
    }

    private boolean send(Side side, boolean aheadOfBacklog, OutboxRecord r) {
        pacer.pace();
        Envelope e = Envelope.decode(r.payload());
        var record = records.toRecord(e.topic(), e.key(), e.value(), aheadOfBacklog);
        long offset = r.offset();
        boolean backlog = side == Side.BACKLOG;
        while (!sender.offer(record, (md, err) -> done(offset, backlog, err))) {
            if (!running || failed.get()) {
                return false;
            }
            SendPacer.pause(TimeUnit.MILLISECONDS.toNanos(2));
        }
        inFlight.incrementAndGet();
        sent.incrementAndGet();
        if (aheadOfBacklog) {
            replay.liveSent();
        }
        return true;
    }

    private void done(long offset, boolean backlog, Exception err) {
        try {
            if (err == null) {
                acked.incrementAndGet();
                rate.record(1);
                if (backlog) {
                    replay.backlogAcked();
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

    private void waitForInFlight() {
        while (running && inFlight.get() > 0) {
            SendPacer.pause(TimeUnit.MILLISECONDS.toNanos(10));
        }
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

    /**
     * Live records handed to Kafka while a backlog was being replayed (this process): those sent
     * with {@link RecordSink#AHEAD_OF_BACKLOG_HEADER}, re-sends included.
     */
    public long liveSentDuringReplay() {
        return replay.liveSentTotal();
    }

    /** Backlog of the current replay (0 when none): its size at the start, and what is left. */
    public long replayBacklog() {
        return replay.backlog();
    }

    public long replayRemaining() {
        return replay.remaining();
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
