package io.fieldline.gateway.functions;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs at most one warning per key and interval, and says how many similar ones it suppressed, so a
 * misbehaving device cannot flood the gateway's log (or its SD card).
 */
public final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, long[]> lastByKey = new ConcurrentHashMap<>();
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public void warn(String key, String message) {
        long now = System.nanoTime();
        long[] last = lastByKey.computeIfAbsent(key, k -> new long[] {now - intervalNanos - 1});
        synchronized (last) {
            if (now - last[0] <= intervalNanos) {
                suppressed.incrementAndGet();
                return;
            }
            last[0] = now;
        }
        long n = suppressed.getAndSet(0);
        if (n > 0) {
            log.warn("{} ({} similar warnings suppressed)", message, n);
        } else {
            log.warn(message);
        }
    }
}
