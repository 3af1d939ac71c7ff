package io.fieldline.analytics.detect;

/**
 * An outlier-resistant running location and scale: an exponentially weighted mean whose updates are
 * Huber-clipped at {@code clip} scales, and an EWMA of the (clipped) absolute deviation, so a
 * single spike neither drags the level nor inflates the scale. A Flink POJO.
 */
public final class RobustEwma {
    /** sqrt(pi / 2): mean absolute deviation to standard deviation for a normal distribution. */
    static final double MAD_TO_SIGMA = 1.2533141373155;

    public double alpha = 0.05;
    public double clip = 3.0;
    public double level;
    public double meanAbsDev;
    public long count;

    public RobustEwma() {}

    public RobustEwma(double alpha, double clip) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
        this.clip = clip;
    }

    /** The standard deviation estimate, never below a small floor relative to the level. */
    public double sigma() {
        return Math.max(meanAbsDev * MAD_TO_SIGMA, 1e-9 + 1e-6 * Math.abs(level));
    }

    /** The z-score of {@code x} against the state so far (0 before two readings). */
    public double z(double x) {
        return count < 2 ? 0.0 : (x - level) / sigma();
    }

    /** Learns {@code x}; the first readings seed the level with a plain running mean. */
    public void add(double x) {
        count++;
        double a = Math.max(alpha, 1.0 / count);
        if (count == 1) {
            level = x;
            return;
        }
        double r = x - level;
        double lim = clip * sigma();
        double rc = count > 10 ? Math.max(-lim, Math.min(lim, r)) : r;
        level += a * rc;
        meanAbsDev += a * (Math.abs(rc) - meanAbsDev);
    }
}
