package io.fieldline.analytics.detect;

/**
 * The baseline: a Gaussian fitted to the last {@code window} readings (running sums over a ring
 * buffer, so O(1) per reading) and the score {@code 1 - Q(|z|)} of the new reading, as in NAB's
 * "windowed Gaussian" detector. Memory is one double per window slot.
 */
public final class WindowedGaussianDetector extends BaseDetector {
    public double[] ring = new double[0];
    public int filled;
    public int next;
    public double sum;
    public double sumOfSquares;

    public WindowedGaussianDetector() {
        // Scores are 1 - Q(|z|): 0.99999 is |z| >= 4.3, clearing below |z| = 2.3.
        gate = new AlertGate(0.99999, 0.99, 100);
    }

    public WindowedGaussianDetector(int window) {
        this();
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2, got " + window);
        }
        ring = new double[window];
    }

    @Override
    protected double compute(long timestampMs, double value) {
        double score = 0;
        if (filled > 1) {
            double mean = sum / filled;
            double var = Math.max(0, sumOfSquares / filled - mean * mean);
            double std = Math.sqrt(var);
            lastZ = std > 0 ? (value - mean) / std : (value == mean ? 0 : 1e3);
            score = 1.0 - Gauss.q(Math.abs(lastZ));
        }
        if (filled == ring.length) {
            double old = ring[next];
            sum -= old;
            sumOfSquares -= old * old;
        } else {
            filled++;
        }
        ring[next] = value;
        sum += value;
        sumOfSquares += value * value;
        next = (next + 1) % ring.length;
        if (next == 0) {
            resum(); // bound floating-point drift of the running sums
        }
        return score;
    }

    private void resum() {
        double s = 0;
        double ss = 0;
        for (int i = 0; i < filled; i++) {
            s += ring[i];
            ss += ring[i] * ring[i];
        }
        sum = s;
        sumOfSquares = ss;
    }
}
