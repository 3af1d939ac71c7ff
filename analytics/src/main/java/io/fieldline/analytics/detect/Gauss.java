package io.fieldline.analytics.detect;

/** Fast normal-distribution helpers (complementary error function, tail probabilities). */
public final class Gauss {
    private Gauss() {}

    private static final double[] ERFC = {
        -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
        0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277
    };

    /** erfc with fractional error below 1.2e-7 (Numerical Recipes' Chebyshev fit). */
    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = ERFC[ERFC.length - 1];
        for (int i = ERFC.length - 2; i >= 0; i--) {
            poly = ERFC[i] + t * poly;
        }
        double ans = t * Math.exp(-z * z + poly);
        return x >= 0 ? ans : 2.0 - ans;
    }

    /** The upper tail probability Q(z) of a standard normal. */
    public static double q(double z) {
        return 0.5 * erfc(z / Math.sqrt(2.0));
    }

    /** Two-sided score: {@code 1 - 2 Q(|z|)}, 0 at the mean and towards 1 far from it. */
    public static double twoSided(double z) {
        return 1.0 - 2.0 * q(Math.abs(z));
    }

    /**
     * Maps a z-score to an anomaly score without saturating (so a threshold sweep can still tell z
     * = 20 from z = 40): {@code 1 - exp(-|z| / 3)}; z = 3 gives 0.63, z = 9 gives 0.95.
     */
    public static double squash(double z) {
        return 1.0 - Math.exp(-Math.abs(z) / 3.0);
    }
}
