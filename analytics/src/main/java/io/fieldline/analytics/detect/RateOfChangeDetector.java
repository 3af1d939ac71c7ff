package io.fieldline.analytics.detect;

/**
 * Rate-of-change detector: a robust z-score of the step between consecutive readings, normalised
 * per second of elapsed time relative to the usual spacing, so a sudden jump or fall scores high
 * even when the level itself is within its usual range.
 */
public final class RateOfChangeDetector extends BaseDetector {
    public RobustEwma stat = new RobustEwma(0.05, 3.0);
    public int warmup = 30;
    public boolean hasPrevious;
    public double previous;
    public long previousTimeMs;
    public double typicalGapMs;

    public RateOfChangeDetector() {}

    public RateOfChangeDetector(double alpha, int warmup) {
        stat = new RobustEwma(alpha, 3.0);
        this.warmup = warmup;
    }

    @Override
    protected double compute(long timestampMs, double value) {
        if (!hasPrevious) {
            hasPrevious = true;
            previous = value;
            previousTimeMs = timestampMs;
            return 0;
        }
        long gap = Math.max(1, timestampMs - previousTimeMs);
        typicalGapMs =
                typicalGapMs == 0
                        ? gap
                        : typicalGapMs + 0.05 * (Math.min(gap, 3 * typicalGapMs) - typicalGapMs);
        // Steps over a longer gap are scaled down: a slow change over a dropout is not a jump.
        double step = (value - previous) * Math.min(1.0, typicalGapMs / gap);
        previous = value;
        previousTimeMs = timestampMs;
        double z = stat.z(step);
        stat.add(step);
        lastZ = stat.count > warmup ? z : 0;
        return stat.count > warmup ? Gauss.squash(z) : 0;
    }
}
