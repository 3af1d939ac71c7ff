package io.fieldline.gateway.forward;

import java.util.function.LongSupplier;

/**
 * Events per second over a sliding window (default 5 s) of 250 ms buckets: what the {@code
 * drain.rate} gauge reports. Thread-safe (Kafka's I/O thread records, the scrape reads).
 */
final class DrainRate {
    private static final long BUCKET_MS = 250;

    private final LongSupplier clockMs;
    private final long[] counts;
    private final long[] stamps;
    private final long startMs;

    DrainRate(LongSupplier clockMs, int windowMs) {
        this.clockMs = clockMs;
        int buckets = (int) Math.max(2, windowMs / BUCKET_MS);
        this.counts = new long[buckets];
        this.stamps = new long[buckets];
        java.util.Arrays.fill(stamps, -1);
        this.startMs = clockMs.getAsLong();
    }

    synchronized void record(long n) {
        long bucket = clockMs.getAsLong() / BUCKET_MS;
        int i = (int) (bucket % counts.length);
        if (stamps[i] != bucket) {
            stamps[i] = bucket;
            counts[i] = 0;
        }
        counts[i] += n;
    }

    /** Events/s over the window that ends now (shorter right after start). */
    synchronized double perSecond() {
        long now = clockMs.getAsLong();
        long bucket = now / BUCKET_MS;
        long oldest = bucket - counts.length + 1;
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (stamps[i] >= oldest && stamps[i] <= bucket) {
                sum += counts[i];
            }
        }
        long windowStart = Math.max(oldest * BUCKET_MS, startMs);
        long spanMs = Math.max(BUCKET_MS, now - windowStart + 1);
        return sum * 1000.0 / spanMs;
    }
}
