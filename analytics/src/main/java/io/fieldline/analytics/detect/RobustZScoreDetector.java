package io.fieldline.analytics.detect;

/**
 * Robust EWMA z-score: the distance of a reading from a Huber-clipped exponentially weighted level,
 * in units of a robust running scale. Reacts to spikes and, until it adapts, to level shifts.
 */
public final class RobustZScoreDetector extends BaseDetector {
    public RobustEwma stat = new RobustEwma();
    public int warmup = 30;

    public RobustZScoreDetector() {}

    public RobustZScoreDetector(double alpha, double clip, int warmup) {
        stat = new RobustEwma(alpha, clip);
        this.warmup = warmup;
    }

    @Override
    protected double compute(long timestampMs, double value) {
        double z = stat.z(value);
        stat.add(value);
        lastZ = stat.count > warmup ? z : 0;
        return stat.count > warmup ? Gauss.squash(z) : 0.0;
    }
}
