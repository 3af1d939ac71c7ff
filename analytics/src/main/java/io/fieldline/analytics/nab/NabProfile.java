package io.fieldline.analytics.nab;

/**
 * The three NAB v1.1 cost profiles (weights of a true positive, a false negative and a false
 * positive).
 */
public enum NabProfile {
    STANDARD("standard", 1.0, 1.0, 0.11),
    REWARD_LOW_FP_RATE("reward_low_FP_rate", 1.0, 1.0, 0.22),
    REWARD_LOW_FN_RATE("reward_low_FN_rate", 1.0, 2.0, 0.11);

    public final String nabName;
    public final double tpWeight;
    public final double fnWeight;
    public final double fpWeight;

    NabProfile(String nabName, double tpWeight, double fnWeight, double fpWeight) {
        this.nabName = nabName;
        this.tpWeight = tpWeight;
        this.fnWeight = fnWeight;
        this.fpWeight = fpWeight;
    }

    /** NAB's normalised score: 0 for a detector that never fires, 100 for a perfect one. */
    public double normalise(double raw, int windows) {
        double nul = -windows * fnWeight;
        double perfect = windows * tpWeight;
        return 100.0 * (raw - nul) / (perfect - nul);
    }
}
