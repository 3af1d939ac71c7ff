package io.fieldline.analytics.aggregate;

/**
 * A mergeable summary of a set of readings: count, sum, sum of squares, min, max and the first and
 * last event time. The gateway's edge aggregates and Flink's windows both use it, so a window
 * computed from raw readings and one merged from edge partials agree exactly.
 *
 * <p>A public no-arg constructor and public fields make it a Flink POJO (no Kryo in state).
 */
public final class Stats {
    public long count;
    public double sum;
    public double sumOfSquares;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    public long firstTimeMs = Long.MAX_VALUE;
    public long lastTimeMs = Long.MIN_VALUE;

    public Stats() {}

    public static Stats of(long timeMs, double value) {
        Stats s = new Stats();
        s.add(timeMs, value);
        return s;
    }

    public Stats add(long timeMs, double value) {
        count++;
        sum += value;
        sumOfSquares += value * value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        firstTimeMs = Math.min(firstTimeMs, timeMs);
        lastTimeMs = Math.max(lastTimeMs, timeMs);
        return this;
    }

    /** Merges {@code other} into this summary; associative and commutative. */
    public Stats merge(Stats other) {
        count += other.count;
        sum += other.sum;
        sumOfSquares += other.sumOfSquares;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        firstTimeMs = Math.min(firstTimeMs, other.firstTimeMs);
        lastTimeMs = Math.max(lastTimeMs, other.lastTimeMs);
        return this;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Population variance; 0 for fewer than two readings. */
    public double variance() {
        if (count < 2) {
            return 0;
        }
        double m = mean();
        return Math.max(0, sumOfSquares / count - m * m);
    }

    public Stats copy() {
        return new Stats().merge(this);
    }

    @Override
    public String toString() {
        return String.format("Stats{count=%d, min=%s, max=%s, mean=%s}", count, min, max, mean());
    }
}
