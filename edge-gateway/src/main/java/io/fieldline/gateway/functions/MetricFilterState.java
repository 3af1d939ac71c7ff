package io.fieldline.gateway.functions;

/** Last forwarded value/time (deadband, downsampling) and a token bucket for one device metric. */
final class MetricFilterState {
    double lastValue = Double.NaN;
    long lastTimeMs = Long.MIN_VALUE;
    private double tokens = Double.NaN;
    private long refilledAtMs;

    boolean hasLast() {
        return !Double.isNaN(lastValue);
    }

    /**
     * Token bucket on the gateway's clock: {@code rate} tokens per second, at most {@code burst}.
     */
    boolean takeToken(double rate, int burst, long nowMs) {
        if (Double.isNaN(tokens)) {
            tokens = burst;
            refilledAtMs = nowMs;
        }
        long elapsed = Math.max(0, nowMs - refilledAtMs);
        tokens = Math.min(burst, tokens + elapsed * rate / 1000.0);
        refilledAtMs = nowMs;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
