package io.fieldline.analytics.detect;

/**
 * Seasonality- and level-shift-aware detector: a robust baseline per phase bin of a period (by
 * default 48 half-hour bins of a day, from the reading's timestamp) plus a shared offset that
 * follows level shifts. Scores the larger of the point residual and a smoothed residual (which
 * catches sustained shifts that are small per point).
 */
public final class SeasonalDetector extends BaseDetector {
    public long periodMs = 86_400_000L;
    public double[] binLevel = new double[48];
    public double[] binDev = new double[48];
    public int[] binCount = new int[48];
    public double alpha = 0.05;
    public double shiftAlpha = 0.1;
    public int minPerBin = 3;
    public double pooledWeight = 0.75;
    public RobustEwma global = new RobustEwma(0.02, 3.0);
    public double offset;
    public double shift;

    /** Pooled mean absolute residual over all bins: steadier than any one bin's spread. */
    public double residualDev;

    public SeasonalDetector() {}

    public SeasonalDetector(long periodMs, int bins, double alpha, double shiftAlpha) {
        if (periodMs <= 0 || bins < 1) {
            throw new IllegalArgumentException("period and bins must be positive");
        }
        this.periodMs = periodMs;
        this.binLevel = new double[bins];
        this.binDev = new double[bins];
        this.binCount = new int[bins];
        this.alpha = alpha;
        this.shiftAlpha = shiftAlpha;
    }

    @Override
    protected double compute(long timestampMs, double value) {
        int b =
                (int)
                        Math.floorMod(
                                timestampMs / Math.max(1, periodMs / binLevel.length),
                                (long) binLevel.length);
        boolean seasonal = binCount[b] >= minPerBin;
        double expected = seasonal ? binLevel[b] + offset : global.level;
        double sigma =
                seasonal
                        ? Math.max(
                                Math.max(binDev[b], pooledWeight * residualDev)
                                        * RobustEwma.MAD_TO_SIGMA,
                                global.sigma() * 0.1)
                        : global.sigma();
        double z = global.count < 2 ? 0 : (value - expected) / sigma;
        double zc = Math.max(-6, Math.min(6, z));
        shift += shiftAlpha * (zc - shift);
        double zShift = shift / Math.sqrt(shiftAlpha / (2 - shiftAlpha));
        learn(b, value, z, sigma);
        double zMax = Math.max(Math.abs(z), Math.abs(zShift));
        lastZ = global.count > minPerBin * 2L ? zMax : 0;
        return global.count > minPerBin * 2L ? Gauss.squash(zMax) : 0;
    }

    private void learn(int b, double value, double z, double sigma) {
        global.add(value);
        double zc = Math.max(-3, Math.min(3, z));
        if (binCount[b] >= minPerBin) {
            offset += shiftAlpha * zc * sigma;
            residualDev += 0.01 * (Math.abs(zc * sigma) - residualDev);
        }
        double target = value - offset;
        binCount[b]++;
        double a = Math.max(alpha, 1.0 / binCount[b]);
        if (binCount[b] == 1) {
            binLevel[b] = target;
            binDev[b] = global.meanAbsDev;
            return;
        }
        double r = target - binLevel[b];
        double lim = 3 * Math.max(binDev[b] * RobustEwma.MAD_TO_SIGMA, 1e-9);
        double rc = binCount[b] > minPerBin ? Math.max(-lim, Math.min(lim, r)) : r;
        binLevel[b] += a * rc;
        binDev[b] += a * (Math.abs(rc) - binDev[b]);
    }
}
