package io.fieldline.analytics.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic synthetic series (level 10, unit Gaussian noise, one reading a minute, seeded). */
final class Signals {
    static final long T0 = 1_700_000_000_000L;
    static final long STEP_MS = 60_000L;
    static final int N = 3000;
    static final int ONSET = 2000;

    private Signals() {}

    static double[] noise(long seed) {
        Random r = new Random(seed);
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = 10 + r.nextGaussian();
        }
        return v;
    }

    static double[] spike(long seed) {
        double[] v = noise(seed);
        v[ONSET] += 15;
        return v;
    }

    static double[] levelShift(long seed) {
        double[] v = noise(seed);
        for (int i = ONSET; i < N; i++) {
            v[i] += 8;
        }
        return v;
    }

    static double[] drift(long seed) {
        double[] v = noise(seed);
        for (int i = ONSET; i < N; i++) {
            v[i] += 0.05 * (i - ONSET);
        }
        return v;
    }

    /** Frozen at a plausible value (the usual level), so only the repeats give it away. */
    static double[] stuck(long seed) {
        double[] v = noise(seed);
        for (int i = ONSET; i < ONSET + 200; i++) {
            v[i] = 10.0;
        }
        return v;
    }

    /** Replays {@code values} one a minute and returns the indices where an alert fired. */
    static List<Integer> alerts(Detector d, double[] values) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            double s = d.update(T0 + STEP_MS * i, values[i]);
            if (s < 0 || s > 1) {
                throw new AssertionError("score out of [0, 1]: " + s + " at " + i);
            }
            if (d.alert()) {
                out.add(i);
            }
        }
        return out;
    }
}
