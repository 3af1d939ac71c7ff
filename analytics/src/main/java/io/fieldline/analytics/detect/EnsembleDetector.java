package io.fieldline.analytics.detect;

/**
 * The ensemble: runs the windowed-Gaussian, seasonal/level-shift, rate-of-change, stuck and dropout
 * detectors on the same series and takes the strongest evidence as a raw z. It scores that against
 * a bar, the largest of a floor, the recent peak of evidence (fast decay) and half the long-term
 * peak (slow decay): only readings more unusual than anything recent score above 0.5. One {@link
 * AlertGate} with a cool-down debounces. Members are concrete-typed fields (a Flink POJO).
 */
public final class EnsembleDetector extends BaseDetector {
    public WindowedGaussianDetector gaussian = new WindowedGaussianDetector(1000);
    public SeasonalDetector seasonal = new SeasonalDetector(86_400_000L, 48, 0.05, 0.1);
    public RateOfChangeDetector rate = new RateOfChangeDetector();
    public StuckDetector stuck = new StuckDetector(30, 1e-9);
    public DropoutDetector dropout = new DropoutDetector();
    public double gaussianWeight = 1.0;
    public double seasonalWeight = 1.0;
    public double rateWeight = 0.0;

    /** Stuck and dropout are on (> 0) or off: their faults score 1 regardless of the bar. */
    public double stuckWeight = 1.0;

    public double dropoutWeight = 0.0;

    /** A reading must beat {@code margin} times the recent peak of evidence to score over 0.5. */
    public double margin = 1.0;

    /** Per-reading decay of the remembered peak. */
    public double decay = 0.998;

    public double floor = 5.0;
    public int warmup = 200;
    public double peak;
    public double longPeak;

    /** Fraction of the slowly decaying long-term peak that a reading must also beat. */
    public double longFactor = 0.5;

    public double longDecay = 0.99995;

    public EnsembleDetector() {
        gate = new AlertGate(0.5, 0.45, 100);
        gate.escalation =
                0.9; // nine times the bar: a much larger anomaly than the one that alerted
    }

    @Override
    protected double compute(long timestampMs, double value) {
        gaussian.update(timestampMs, value);
        seasonal.update(timestampMs, value);
        rate.update(timestampMs, value);
        // A stuck sensor or a dropout is a categorical data-quality fault, not a z-score: it
        // scores 1 whatever the bar (which big past anomalies may have raised) says.
        boolean fault = isOn(stuck, stuckWeight, timestampMs, value);
        fault |= isOn(dropout, dropoutWeight, timestampMs, value);
        double raw =
                Math.max(
                        gaussianWeight * Math.abs(gaussian.lastZ),
                        seasonalWeight * Math.abs(seasonal.lastZ));
        raw = Math.max(raw, rateWeight * Math.abs(rate.lastZ));
        lastZ = raw;
        double bar = Math.max(Math.max(floor, margin * peak), longFactor * longPeak);
        longPeak = Math.max(raw, longPeak * longDecay);
        peak = Math.max(raw, peak * decay);
        if (updates < warmup) {
            return 0;
        }
        return fault ? 1.0 : raw / (raw + bar);
    }

    private static boolean isOn(BaseDetector d, double weight, long timestampMs, double value) {
        return d.update(timestampMs, value) >= d.gate.threshold && weight > 0;
    }
}
