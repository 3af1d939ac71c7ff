package io.fieldline.analytics.detect;

/**
 * Stuck / flat-line detector: counts consecutive readings that repeat the previous value (within
 * {@code tolerance}, relative) and scores a run of {@code minRun} repeats as 1 when the signal
 * normally changes from reading to reading (a signal that is always flat is not "stuck").
 */
public final class StuckDetector extends BaseDetector {
    public int minRun = 10;
    public double tolerance = 1e-9;
    public double changeRate = 1.0;
    public double rateAtRunStart;
    public int run;
    public boolean hasPrevious;
    public double previous;

    public StuckDetector() {
        gate = new AlertGate(0.95, 0.5, 0);
    }

    public StuckDetector(int minRun, double tolerance) {
        this();
        if (minRun < 2) {
            throw new IllegalArgumentException("minRun must be >= 2, got " + minRun);
        }
        this.minRun = minRun;
        this.tolerance = tolerance;
    }

    @Override
    protected double compute(long timestampMs, double value) {
        if (!hasPrevious) {
            hasPrevious = true;
            previous = value;
            return 0;
        }
        boolean same = Math.abs(value - previous) <= tolerance * Math.max(1.0, Math.abs(previous));
        previous = value;
        if (same) {
            if (run == 0) {
                rateAtRunStart = changeRate;
            }
            run++;
        } else {
            run = 0;
        }
        changeRate += 0.01 * ((same ? 0 : 1) - changeRate);
        if (run == 0) {
            return 0;
        }
        return Math.min(1.0, (double) run / minRun) * rateAtRunStart;
    }
}
