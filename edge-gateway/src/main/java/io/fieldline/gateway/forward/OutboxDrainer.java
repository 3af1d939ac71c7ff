package io.fieldline.gateway.forward;

import io.fieldline.gateway.kafka.KafkaSender;
import io.fieldline.gateway.kafka.RecordSink;
import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.gateway.outbox.OutboxRecord;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to Kafka oldest-first from one thread, at most {@code maxPerSecond} records/s,
 * and acknowledges each record in the outbox when Kafka acknowledged it. After a failed send it
 * waits for everything in flight, backs off (jittered exponential, 100 ms doubling to 10 s) and
 * resumes from the first unacknowledged record, so records may be sent twice but never skipped.
 */
public final class OutboxDrainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);
    private static final int BATCH = 500;

    private final DiskOutbox outbox;
    private final KafkaSender sender;
    private final RecordSink records;
    private final long nanosPerRecord;
    private final Thread thread;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;
    private long nextSendAt = System.nanoTime();

    public OutboxDrainer(DiskOutbox outbox, RecordSink records, int maxPerSecond) {
        this.outbox = outbox;
        this.records = records;
        this.sender = records.sender();
        this.nanosPerRecord = maxPerSecond <= 0 ? 0 : 1_000_000_000L / maxPerSecond;
        this.thread = new Thread(this::run, "fieldline-outbox-drainer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        long cursor = outbox.firstUnacknowledged();
        int attempt = 0;
        while (running) {
            if (failed.get()) {
                waitForInFlight();
                backOff(attempt++);
                failed.set(false);
                cursor = outbox.firstUnacknowledged();
                continue;
            }
            List<OutboxRecord> batch = outbox.read(cursor, BATCH, 1 << 20);
            if (batch.isEmpty()) {
                attempt = inFlight.get() == 0 ? 0 : attempt;
                pause(TimeUnit.MILLISECONDS.toNanos(10));
                continue;
            }
            for (OutboxRecord r : batch) {
                if (failed.get() || !running || !send(r)) {
                    break;
                }
                cursor = r.offset() + 1;
            }
        }
    }

    private boolean send(OutboxRecord r) {
        pace();
        Envelope e = Envelope.decode(r.payload());
        var record = records.toRecord(e.topic(), e.key(), e.value());
        long offset = r.offset();
        while (!sender.offer(record, (md, err) -> done(offset, err))) {
            if (!running || failed.get()) {
                return false;
            }
            pause(TimeUnit.MILLISECONDS.toNanos(2));
        }
        inFlight.incrementAndGet();
        sent.incrementAndGet();
        return true;
    }

    private void done(long offset, Exception err) {
        try {
            if (err == null) {
                acked.incrementAndGet();
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
