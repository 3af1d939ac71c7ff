package io.fieldline.analytics.rul;

/**
 * Streaming remaining-useful-life estimation from a health indicator (high = healthy): a
 * least-squares line over the last {@code window} readings gives a denoised level and trend. With
 * {@code lifeScale > 0} the indicator is read as calibrated remaining life ({@code remaining =
 * lifeScale * (level - failureLevel)}); otherwise the trend is extrapolated to {@code
 * failureLevel}. The band comes from the fit's residual spread (and, when extrapolating, the
 * slope's standard error); an alert fires once when the estimate first drops below {@code horizon}.
 * A Flink POJO.
 */
public final class RemainingLifeEstimator {
    public int window = 30;
    public double failureLevel;
    public double lifeScale;
    public double cap = Double.POSITIVE_INFINITY;
    public double horizon;
    public long[] times = new long[30];
    public double[] values = new double[30];
    public int filled;
    public int next;
    public boolean alerted;

    /** Theil-Sen (median of pairwise slopes) instead of least squares: O(window^2) per update. */
    public boolean robust = true;

    /** Work space for the pairwise slopes; transient, so Flink does not store it. */
    public transient double[] scratch;

    /** Optional monotone calibration from health level to remaining life (knots, increasing x). */
    public double[] calibrationLevels = new double[0];

    public double[] calibrationLife = new double[0];

    /** Optional band knots (e.g. 10th and 90th percentiles of the life seen at each level). */
    public double[] calibrationLow = new double[0];

    public double[] calibrationHigh = new double[0];

    public RemainingLifeEstimator() {}

    public RemainingLifeEstimator(
            int window, double failureLevel, double lifeScale, double cap, double horizon) {
        if (window < 3) {
            throw new IllegalArgumentException("window must be >= 3, got " + window);
        }
        this.window = window;
        this.failureLevel = failureLevel;
        this.lifeScale = lifeScale;
        this.cap = cap;
        this.horizon = horizon;
        this.times = new long[window];
        this.values = new double[window];
    }

    /** Feeds one health reading (in time order) and returns the current estimate. */
    public RulEstimate update(long time, double health) {
        times[next] = time;
        values[next] = health;
        next = (next + 1) % window;
        filled = Math.min(filled + 1, window);
        double st = 0;
        double sh = 0;
        for (int i = 0; i < filled; i++) {
            st += times[i] - time;
            sh += values[i];
        }
        double mt = st / filled;
        double mh = sh / filled;
        double stt = 0;
        double sth = 0;
        for (int i = 0; i < filled; i++) {
            double dt = times[i] - time - mt;
            stt += dt * dt;
            sth += dt * (values[i] - mh);
        }
        double slope = stt > 0 ? sth / stt : 0;
        double level = mh - slope * mt; // the fitted line at the current time
        if (robust && filled > 2) {
            slope = theilSenSlope();
            level = medianLevel(slope, time);
        }
        double sse = 0;
        for (int i = 0; i < filled; i++) {
            double r = values[i] - (level + slope * (times[i] - time));
            sse += r * r;
        }
        double sigma = filled > 2 ? Math.sqrt(sse / (filled - 2)) : 0;
        return estimate(level, slope, sigma, stt);
    }

    private RulEstimate estimate(double level, double slope, double sigma, double stt) {
        double margin = level - failureLevel;
        double remaining;
        double low;
        double high;
        if (calibrationLevels.length > 1) {
            remaining = clamp(interpolate(level, calibrationLife));
            boolean band = calibrationLow.length == calibrationLevels.length;
            low = band ? clamp(interpolate(level, calibrationLow)) : remaining;
            high = band ? clamp(interpolate(level, calibrationHigh)) : remaining;
        } else if (lifeScale > 0) {
            double levelError = 2 * sigma / Math.sqrt(filled);
            remaining = clamp(lifeScale * margin);
            low = clamp(lifeScale * (margin - levelError));
            high = clamp(lifeScale * (margin + levelError));
        } else {
            double se = stt > 0 && filled > 2 ? sigma / Math.sqrt(stt) : Double.POSITIVE_INFINITY;
            remaining = extrapolate(margin, slope);
            low = extrapolate(margin, slope - 2 * se);
            high = extrapolate(margin, slope + 2 * se);
        }
        boolean alert = false;
        if (!alerted && filled >= window && remaining < horizon) {
            alerted = true;
            alert = true;
        }
        return new RulEstimate(
                level,
                slope,
                remaining,
                Math.min(low, remaining),
                Math.max(high, remaining),
                alert);
    }

    private double extrapolate(double margin, double slope) {
        if (margin <= 0) {
            return 0;
        }
        return slope < 0 ? clamp(margin / -slope) : cap;
    }

    private double clamp(double v) {
        return Math.max(0, Math.min(cap, v));
    }

    /** Piecewise-linear interpolation through the calibration knots, flat beyond the ends. */
    double interpolate(double level, double[] y) {
        double[] x = calibrationLevels;
        if (level <= x[0]) {
            return y[0];
        }
        for (int i = 1; i < x.length; i++) {
            if (level <= x[i]) {
                double f = (level - x[i - 1]) / Math.max(1e-12, x[i] - x[i - 1]);
                return y[i - 1] + f * (y[i] - y[i - 1]);
            }
        }
        return y[y.length - 1];
    }

    private double theilSenSlope() {
        int pairs = filled * (filled - 1) / 2;
        if (scratch == null || scratch.length < pairs) {
            scratch = new double[window * (window - 1) / 2];
        }
        int k = 0;
        for (int i = 0; i < filled; i++) {
            for (int j = i + 1; j < filled; j++) {
                long dt = times[j] - times[i];
                if (dt != 0) {
                    scratch[k++] = (values[j] - values[i]) / dt;
                }
            }
        }
        return k == 0 ? 0 : median(scratch, k);
    }

    private double medianLevel(double slope, long time) {
        for (int i = 0; i < filled; i++) {
            scratch[i] = values[i] - slope * (times[i] - time);
        }
        return median(scratch, filled);
    }

    /** Median of {@code a[0..n)} by quickselect (reorders the prefix). */
    static double median(double[] a, int n) {
        double hi = select(a, n, n / 2);
        if (n % 2 == 1) {
            return hi;
        }
        double lo = a[0];
        for (int i = 1; i < n / 2; i++) {
            lo = Math.max(lo, a[i]); // after select, a[0..n/2) holds the values below a[n/2]
        }
        return 0.5 * (lo + hi);
    }

    private static double select(double[] a, int n, int k) {
        int left = 0;
        int right = n - 1;
        while (left < right) {
            double pivot = a[(left + right) >>> 1];
            int i = left;
            int j = right;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                break;
            }
        }
        return a[k];
    }
}
