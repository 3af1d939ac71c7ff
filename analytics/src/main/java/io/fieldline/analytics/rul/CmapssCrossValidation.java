package io.fieldline.analytics.rul;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-validates the remaining-life pipeline over engines: per fold, fit a {@link
 * LinearHealthModel} on the other engines (target: remaining life capped at {@code cap}, divided by
 * {@code cap}), then replay each held-out engine cycle by cycle through a {@link
 * RemainingLifeEstimator} and compare every estimate with the capped true remaining life.
 */
public final class CmapssCrossValidation {
    public static final double CAP = 125;

    /** RMSE and PHM08 score over every cycle of every held-out engine, and per fold RMSE. */
    public record Result(
            double rmse, double phm08, long predictions, double[] foldRmse, double bandCoverage) {}

    private CmapssCrossValidation() {}

    public static Result run(List<CmapssData.Engine> engines, int folds, int window) {
        if (folds < 2 || folds > engines.size()) {
            throw new IllegalArgumentException(
                    "folds must be in [2, " + engines.size() + "], got " + folds);
        }
        double sse = 0;
        double phm = 0;
        long n = 0;
        long covered = 0;
        double[] foldRmse = new double[folds];
        for (int f = 0; f < folds; f++) {
            List<CmapssData.Engine> train = new ArrayList<>();
            List<CmapssData.Engine> test = new ArrayList<>();
            for (int i = 0; i < engines.size(); i++) {
                (i * folds / engines.size() == f ? test : train).add(engines.get(i));
            }
            LinearHealthModel model = fit(train, 1);
            double[][] calibration = calibrate(train, model, window);
            double foldSse = 0;
            long foldN = 0;
            for (CmapssData.Engine e : test) {
                RemainingLifeEstimator est = estimator(window, calibration);
                for (int i = 0; i < e.cycles().length; i++) {
                    RulEstimate r = est.update(e.cycles()[i], model.apply(e.sensors()[i]));
                    double truth = Math.min(CAP, e.remaining(i));
                    double d = r.remaining() - truth;
                    foldSse += d * d;
                    foldN++;
                    phm += d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
                    covered += truth >= r.low() && truth <= r.high() ? 1 : 0;
                }
            }
            foldRmse[f] = Math.sqrt(foldSse / foldN);
            sse += foldSse;
            n += foldN;
        }
        return new Result(Math.sqrt(sse / n), phm, n, foldRmse, (double) covered / n);
    }

    /**
     * Fits the health model on all cycles of {@code train}, on sensor means over the trailing
     * {@code smooth} cycles: fitting on noisy readings would shrink the weights (errors in the
     * inputs), while the estimator later averages the indicator over a similar window.
     */
    public static LinearHealthModel fit(List<CmapssData.Engine> train, int smooth) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (CmapssData.Engine e : train) {
            for (int i = 0; i < e.cycles().length; i++) {
                x.add(trailingMean(e.sensors(), i, smooth));
                y.add(Math.min(CAP, e.remaining(i)) / CAP);
            }
        }
        double[] ya = y.stream().mapToDouble(Double::doubleValue).toArray();
        return LinearHealthModel.fit(x.toArray(new double[0][]), ya, 1e-4);
    }

    static double[] trailingMean(double[][] rows, int end, int k) {
        int from = Math.max(0, end - k + 1);
        double[] m = new double[rows[end].length];
        for (int i = from; i <= end; i++) {
            for (int j = 0; j < m.length; j++) {
                m[j] += rows[i][j] / (end - from + 1);
            }
        }
        return m;
    }

    static RemainingLifeEstimator estimator(int window, double[][] calibration) {
        RemainingLifeEstimator est = new RemainingLifeEstimator(window, 0, CAP, CAP, 30);
        if (calibration != null) {
            est.calibrationLevels = calibration[0];
            est.calibrationLife = calibration[1];
            est.calibrationLow = calibration[2];
            est.calibrationHigh = calibration[3];
        }
        return est;
    }

    /**
     * Maps the estimator's smoothed health level to remaining life: replays the training engines,
     * sorts their (level, capped life) pairs and averages them in {@code BINS} equal-count bins,
     * then forces the knots to be non-decreasing. Corrects the linear model's bias at both ends.
     */
    public static double[][] calibrate(
            List<CmapssData.Engine> train, LinearHealthModel model, int window) {
        List<double[]> pairs = new ArrayList<>();
        for (CmapssData.Engine e : train) {
            RemainingLifeEstimator est = estimator(window, null);
            for (int i = 0; i < e.cycles().length; i++) {
                RulEstimate r = est.update(e.cycles()[i], model.apply(e.sensors()[i]));
                pairs.add(new double[] {r.level(), Math.min(CAP, e.remaining(i))});
            }
        }
        pairs.sort((a, b) -> Double.compare(a[0], b[0]));
        int bins = 40;
        double[] x = new double[bins];
        double[] y = new double[bins];
        double[] lo = new double[bins];
        double[] hi = new double[bins];
        for (int b = 0; b < bins; b++) {
            int from = b * pairs.size() / bins;
            int to = (b + 1) * pairs.size() / bins;
            double[] life = new double[to - from];
            for (int i = from; i < to; i++) {
                x[b] += pairs.get(i)[0] / (to - from);
                y[b] += pairs.get(i)[1] / (to - from);
                life[i - from] = pairs.get(i)[1];
            }
            java.util.Arrays.sort(life);
            lo[b] = life[(int) (0.1 * (life.length - 1))];
            hi[b] = life[(int) Math.ceil(0.9 * (life.length - 1))];
            if (b > 0) {
                y[b] = Math.max(y[b], y[b - 1]);
                lo[b] = Math.max(lo[b], lo[b - 1]);
                hi[b] = Math.max(hi[b], hi[b - 1]);
            }
        }
        return new double[][] {x, y, lo, hi};
    }
}
