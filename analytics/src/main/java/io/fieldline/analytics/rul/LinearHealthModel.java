package io.fieldline.analytics.rul;

/**
 * A health indicator from several sensors: a ridge regression on standardised sensor values, fitted
 * offline (e.g. to normalised remaining life, 1 = healthy and 0 = failed) and applied per reading.
 * Public fields make a fitted model a Flink POJO and easy to ship as configuration.
 */
public final class LinearHealthModel {
    public double[] mean = new double[0];
    public double[] scale = new double[0];
    public double[] weights = new double[0];
    public double bias;

    public LinearHealthModel() {}

    /** Fits {@code y ~ bias + w . standardise(x)} with ridge penalty {@code lambda}. */
    public static LinearHealthModel fit(double[][] x, double[] y, double lambda) {
        int n = x.length;
        int d = x[0].length;
        LinearHealthModel m = new LinearHealthModel();
        m.mean = new double[d];
        m.scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                m.mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                m.scale[j] += (row[j] - m.mean[j]) * (row[j] - m.mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            m.scale[j] = m.scale[j] > 0 ? Math.sqrt(m.scale[j]) : 1.0;
        }
        double yMean = 0;
        for (double v : y) {
            yMean += v / n;
        }
        double[][] a = new double[d][d + 1];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = (x[i][j] - m.mean[j]) / m.scale[j];
            }
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    a[j][k] += z[j] * z[k];
                }
                a[j][d] += z[j] * (y[i] - yMean);
            }
        }
        for (int j = 0; j < d; j++) {
            a[j][j] += lambda * n;
        }
        m.weights = solve(a);
        m.bias = yMean;
        return m;
    }

    /** The health indicator of one reading of the sensors the model was fitted on. */
    public double apply(double[] x) {
        double h = bias;
        for (int j = 0; j < weights.length; j++) {
            h += weights[j] * (x[j] - mean[j]) / scale[j];
        }
        return h;
    }

    /** Gaussian elimination with partial pivoting on an augmented {@code d x (d+1)} matrix. */
    private static double[] solve(double[][] a) {
        int d = a.length;
        for (int c = 0; c < d; c++) {
            int p = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = c + 1; r < d; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= d; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] w = new double[d];
        for (int r = d - 1; r >= 0; r--) {
            double s = a[r][d];
            for (int k = r + 1; k < d; k++) {
                s -= a[r][k] * w[k];
            }
            w[r] = s / a[r][r];
        }
        return w;
    }
}
