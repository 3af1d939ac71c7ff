package io.fieldline.analytics.nab;

import java.util.Arrays;
import java.util.List;

/**
 * Where NAB's labelled windows fall in one data file: the probationary length and, per row, the
 * window it belongs to. A window holds the rows whose timestamp lies in {@code [start, end]}
 * (timestamps compared as {@code yyyy-MM-dd HH:mm:ss} text, as NAB does).
 */
public final class NabLayout {
    public final int rows;
    public final int probation;

    /** Window index per row, or -1 outside every window. */
    public final int[] windowOf;

    public final int[] left;
    public final int[] right;
    public final int[] width;

    public NabLayout(String[] timestamps, List<String[]> windows) {
        rows = timestamps.length;
        probation = probationaryLength(rows);
        windowOf = new int[rows];
        Arrays.fill(windowOf, -1);
        int k = windows.size();
        left = new int[k];
        right = new int[k];
        width = new int[k];
        for (int w = 0; w < k; w++) {
            String t1 = normalise(windows.get(w)[0]);
            String t2 = normalise(windows.get(w)[1]);
            left[w] = -1;
            for (int i = 0; i < rows; i++) {
                String t = normalise(timestamps[i]);
                if (t.compareTo(t1) >= 0 && t.compareTo(t2) <= 0) {
                    windowOf[i] = w;
                    if (left[w] < 0) {
                        left[w] = i;
                    }
                    right[w] = i;
                    width[w]++;
                }
            }
            if (left[w] < 0) {
                throw new IllegalArgumentException(
                        "window [" + t1 + ", " + t2 + "] covers no row of the file");
            }
        }
    }

    /** NAB v1.1: {@code min(floor(0.15 n), 0.15 * 5000)}. */
    public static int probationaryLength(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    public int windowCount() {
        return left.length;
    }

    /** A window that lies wholly inside the probationary period is not scored. */
    public boolean scored(int window) {
        return right[window] >= probation;
    }

    /** NAB's reward for the first detection at {@code row} inside its window (before weighting). */
    public double truePositive(int row, NabProfile p) {
        int w = windowOf[row];
        double position = -(right[w] - row + 1) / (double) width[w];
        return NabScorer.sigma(position) * p.tpWeight / NabScorer.sigma(-1.0);
    }

    /** NAB's (negative) cost of a detection at {@code row} outside every window. */
    public double falsePositive(int row, NabProfile p) {
        int prev = -1;
        for (int w = 0; w < left.length; w++) {
            if (right[w] < row && (prev < 0 || right[w] > right[prev])) {
                prev = w;
            }
        }
        if (prev < 0) {
            return -p.fpWeight;
        }
        double position = Math.abs(row - right[prev]) / (double) (width[prev] - 1);
        return NabScorer.sigma(position) * p.fpWeight;
    }

    static String normalise(String ts) {
        String t = ts.trim();
        return t.length() > 19 ? t.substring(0, 19) : t;
    }
}
