package io.fieldline.gateway.forward;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drainer's timing: the send-rate bound (at most one second of burst after an idle spell) and
 * the jittered exponential back-off after a failure (100 ms doubling to 10 s, half of it random).
 * Used by the drainer thread only.
 */
final class SendPacer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);

    private final long nanosPerRecord;
    private long nextSendAt = System.nanoTime();

    SendPacer(int maxPerSecond) {
        this.nanosPerRecord = maxPerSecond <= 0 ? 0 : 1_000_000_000L / maxPerSecond;
    }

    /** Waits until the next send is due. */
    void pace() {
        if (nanosPerRecord == 0) {
            return;
        }
        long now = System.nanoTime();
        nextSendAt = Math.max(nextSendAt, now - 1_000_000_000L) + nanosPerRecord;
        if (nextSendAt > now) {
            pause(nextSendAt - now);
        }
    }

    /** Waits out back-off {@code attempt} (0-based) unless {@code running} turns false. */
    static void backOff(int attempt, BooleanSupplier running) {
        long capMs = Math.min(10_000L, 100L << Math.min(attempt, 7));
        long delayMs = capMs / 2 + ThreadLocalRandom.current().nextLong(capMs / 2 + 1);
        LOG.info("event=outbox-backoff attempt={} delay-ms={}", attempt + 1, delayMs);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        while (running.getAsBoolean() && System.nanoTime() < until) {
            pause(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    static void pause(long nanos) {
        LockSupport.parkNanos(nanos);
    }
}
