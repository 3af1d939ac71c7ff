package io.fieldline.analytics.detect;

/**
 * Dropout detector: compares the gap since the previous reading with the usual spacing (a clipped
 * running mean of gaps) and scores a gap of {@code factor} times the usual as 1. Scored when the
 * next reading arrives; {@link #gapScore(long)} lets a timer ask while the series is silent.
 */
public final class DropoutDetector extends BaseDetector {
    public double factor = 3.0;
    public double typicalGapMs;
    public long previousTimeMs;
    public long seen;

    public DropoutDetector() {
        gate = new AlertGate(1.0, 0.5, 0);
    }

    public DropoutDetector(double factor) {
        this();
        if (!(factor > 1)) {
            throw new IllegalArgumentException("factor must be > 1, got " + factor);
        }
        this.factor = factor;
    }

    @Override
    protected double compute(long timestampMs, double value) {
        seen++;
        if (seen == 1) {
            previousTimeMs = timestampMs;
            return 0;
        }
        double score = gapScore(timestampMs);
        long gap = Math.max(0, timestampMs - previousTimeMs);
        typicalGapMs =
                typicalGapMs == 0
                        ? gap
                        : typicalGapMs + 0.05 * (Math.min(gap, 2 * typicalGapMs) - typicalGapMs);
        previousTimeMs = Math.max(previousTimeMs, timestampMs);
        return score;
    }

    /** The score of the silence between the last reading and {@code nowMs}, without learning. */
    public double gapScore(long nowMs) {
        if (seen < 10 || typicalGapMs <= 0) {
            return 0;
        }
        double ratio = (nowMs - previousTimeMs) / typicalGapMs;
        return Math.max(0, Math.min(1, (ratio - 1) / (factor - 1)));
    }
}
