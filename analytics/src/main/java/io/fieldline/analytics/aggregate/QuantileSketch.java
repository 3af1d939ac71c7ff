package io.fieldline.analytics.aggregate;

/**
 * A mergeable quantile sketch with relative accuracy (DDSketch-style log buckets): each value lands
 * in bucket {@code ceil(log_gamma |x|)}, so any quantile is returned within {@link
 * #RELATIVE_ACCURACY} of a true value. Bucket indices are fixed (magnitudes 1e-9 .. 7e8, clamped
 * beyond), so merging is element-wise addition: exactly associative and commutative. Memory is two
 * arrays of {@link #BUCKETS} counts; a Flink POJO.
 */
public final class QuantileSketch {
    public static final double RELATIVE_ACCURACY = 0.02;
    public static final int BUCKETS = 1024;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    private static final int OFFSET = BUCKETS / 2;

    public long[] positive = new long[BUCKETS];
    public long[] negative = new long[BUCKETS];
    public long zeros;
    public long count;

    public QuantileSketch() {}

    public QuantileSketch add(double value) {
        if (Double.isNaN(value)) {
            return this;
        }
        count++;
        double a = Math.abs(value);
        if (a < 1e-9) {
            zeros++;
        } else if (value > 0) {
            positive[bucket(a)]++;
        } else {
            negative[bucket(a)]++;
        }
        return this;
    }

    /** Adds {@code other}'s counts into this sketch. */
    public QuantileSketch merge(QuantileSketch other) {
        for (int i = 0; i < BUCKETS; i++) {
            positive[i] += other.positive[i];
            negative[i] += other.negative[i];
        }
        zeros += other.zeros;
        count += other.count;
        return this;
    }

    /** The {@code q}-quantile ({@code 0 <= q <= 1}); NaN when empty. */
    public double quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.floor(q * (count - 1));
        long seen = 0;
        for (int i = BUCKETS - 1; i >= 0; i--) {
            seen += negative[i];
            if (seen > rank) {
                return -value(i);
            }
        }
        seen += zeros;
        if (seen > rank) {
            return 0;
        }
        for (int i = 0; i < BUCKETS; i++) {
            seen += positive[i];
            if (seen > rank) {
                return value(i);
            }
        }
        return value(BUCKETS - 1);
    }

    public QuantileSketch copy() {
        return new QuantileSketch().merge(this);
    }

    private static int bucket(double magnitude) {
        int k = (int) Math.ceil(Math.log(magnitude) / LOG_GAMMA) + OFFSET;
        return Math.max(0, Math.min(BUCKETS - 1, k));
    }

    /** The representative value of a bucket: within the relative accuracy of all its members. */
    private static double value(int bucket) {
        return 2 * Math.pow(GAMMA, bucket - OFFSET) / (GAMMA + 1);
    }
}
