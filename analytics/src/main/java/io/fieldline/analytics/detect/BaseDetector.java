package io.fieldline.analytics.detect;

/**
 * The shared part of every detector: clamps the score to {@code [0, 1]}, keeps the last score and
 * alert and runs the {@link AlertGate}. Subclasses only compute the score.
 */
public abstract class BaseDetector implements Detector {
    public AlertGate gate = new AlertGate();
    public double lastScore;
    public boolean lastAlert;
    public long updates;

    /** The signed z-score behind the last score (0 for detectors that have none). */
    public double lastZ;

    @Override
    public final double update(long timestampMs, double value) {
        double s = compute(timestampMs, value);
        s = s >= 0 ? Math.min(1.0, s) : 0.0; // also maps NaN to 0
        lastScore = s;
        lastAlert = gate.update(s);
        updates++;
        return s;
    }

    /** The anomaly score of this reading given the state so far; then learns from it. */
    protected abstract double compute(long timestampMs, double value);

    @Override
    public boolean alert() {
        return lastAlert;
    }

    @Override
    public double score() {
        return lastScore;
    }
}
