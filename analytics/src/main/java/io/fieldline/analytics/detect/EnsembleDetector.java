package io.fieldline.analytics.detect;

/**
 * The ensemble: runs the robust z-score, seasonal/level-shift, rate-of-change, stuck and dropout
 * detectors on the same series and scores the strongest weighted evidence; one {@link AlertGate}
 * (with a long cool-down) debounces the combined score. Members are concrete-typed fields so the
 * whole ensemble stays a Flink POJO.
 */
public final class EnsembleDetector extends BaseDetector {
    public RobustZScoreDetector robust = new RobustZScoreDetector();
    public SeasonalDetector seasonal = new SeasonalDetector();
    public RateOfChangeDetector rate = new RateOfChangeDetector();
    public StuckDetector stuck = new StuckDetector();
    public DropoutDetector dropout = new DropoutDetector();
    public double rateWeight = 1.0;
    public double stuckWeight = 1.0;
    public double dropoutWeight = 1.0;

    public EnsembleDetector() {
        gate = new AlertGate(0.9999, 0.99, 400);
    }

    @Override
    protected double compute(long timestampMs, double value) {
        double s = Math.max(robust.update(timestampMs, value), seasonal.update(timestampMs, value));
        s = Math.max(s, rateWeight * rate.update(timestampMs, value));
        s = Math.max(s, stuckWeight * stuck.update(timestampMs, value));
        return Math.max(s, dropoutWeight * dropout.update(timestampMs, value));
    }
}
