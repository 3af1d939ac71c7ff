package io.fieldline.analytics.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reimplementation of the NAB v1.1 scorer (github.com/numenta/NAB, MIT licence): per-file scores
 * at a threshold, with NAB's per-row score column, and NAB's corpus-wide threshold sweep.
 */
public final class NabScorer {
    private NabScorer() {}

    /** NAB's scaled sigmoid: {@code 2 / (1 + e^(5y)) - 1}, and -1 beyond {@code y > 3}. */
    public static double sigma(double y) {
        return y > 3 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }

    /** The score of one file at one threshold. {@code perRow} is NAB's {@code S(t)} column. */
    public record FileScore(double raw, int tp, int fp, int fn, double[] perRow) {}

    public static FileScore score(
            NabLayout layout, double[] scores, double threshold, NabProfile p) {
        double[] perRow = new double[layout.rows];
        int k = layout.windowCount();
        int[] firstHit = new int[k];
        Arrays.fill(firstHit, -1);
        double raw = 0;
        int fp = 0;
        for (int i = layout.probation; i < layout.rows; i++) {
            if (!(value(scores[i]) >= threshold)) {
                continue;
            }
            int w = layout.windowOf[i];
            if (w >= 0) {
                if (firstHit[w] < 0) {
                    firstHit[w] = i;
                }
            } else {
                double s = layout.falsePositive(i, p);
                perRow[i] = s;
                raw += s;
                fp++;
            }
        }
        int tp = 0;
        int fn = 0;
        for (int w = 0; w < k; w++) {
            if (!layout.scored(w)) {
                continue;
            }
            double s;
            if (firstHit[w] >= 0) {
                s = layout.truePositive(firstHit[w], p);
                tp++;
            } else {
                s = -p.fnWeight;
                fn++;
            }
            perRow[layout.left[w]] = s;
            raw += s;
        }
        return new FileScore(raw, tp, fp, fn, perRow);
    }

    /** The best threshold of a corpus and the raw score it earns. */
    public record Sweep(double threshold, double raw) {}

    /**
     * NAB's threshold sweep: every distinct anomaly score is a candidate threshold; returns the one
     * that maximises the summed raw score over all files (the highest such threshold on ties).
     */
    public static Sweep sweep(List<NabLayout> layouts, List<double[]> scores, NabProfile p) {
        List<double[]> points = new ArrayList<>(); // {score, windowKey (-1 = FP), contribution}
        int windowBase = 0;
        int scoredWindows = 0;
        for (int f = 0; f < layouts.size(); f++) {
            NabLayout l = layouts.get(f);
            double[] s = scores.get(f);
            for (int i = l.probation; i < l.rows; i++) {
                int w = l.windowOf[i];
                if (w < 0) {
                    points.add(new double[] {value(s[i]), -1, l.falsePositive(i, p)});
                } else if (l.scored(w)) {
                    points.add(new double[] {value(s[i]), windowBase + w, l.truePositive(i, p)});
                }
            }
            for (int w = 0; w < l.windowCount(); w++) {
                scoredWindows += l.scored(w) ? 1 : 0;
            }
            windowBase += l.windowCount();
        }
        points.sort((a, b) -> Double.compare(b[0], a[0]));
        double[] best = new double[windowBase];
        Arrays.fill(best, -p.fnWeight);
        double total = -p.fnWeight * scoredWindows;
        double bestTotal = total;
        double bestThreshold = Double.POSITIVE_INFINITY;
        int i = 0;
        while (i < points.size()) {
            double th = points.get(i)[0];
            for (; i < points.size() && points.get(i)[0] == th; i++) {
                double[] pt = points.get(i);
                int key = (int) pt[1];
                if (key < 0) {
                    total += pt[2];
                } else if (pt[2] > best[key]) {
                    total += pt[2] - best[key];
                    best[key] = pt[2];
                }
            }
            if (total > bestTotal) {
                bestTotal = total;
                bestThreshold = th;
            }
        }
        return new Sweep(bestThreshold, bestTotal);
    }

    private static double value(double score) {
        return Double.isNaN(score) ? 0.0 : score;
    }
}
