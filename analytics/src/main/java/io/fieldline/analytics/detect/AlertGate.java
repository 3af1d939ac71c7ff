package io.fieldline.analytics.detect;

/**
 * Turns a stream of scores into alerts, one per episode: an episode opens when the score reaches
 * {@code threshold} and closes when it falls below {@code clearThreshold} (hysteresis); a new alert
 * needs both a closed episode and {@code cooldown} readings since the last alert. Every extra alert
 * costs an operator's attention, hence the debouncing.
 */
public final class AlertGate {
    public double threshold = 0.85;
    public double clearThreshold = 0.6;
    public int cooldown = 100;

    /**
     * A closed episode may re-alert inside the cool-down when the score reaches this (> 1: never).
     */
    public double escalation = 2.0;

    public boolean active;
    public long sinceAlert = Long.MAX_VALUE / 2;

    public AlertGate() {}

    public AlertGate(double threshold, double clearThreshold, int cooldown) {
        if (clearThreshold > threshold) {
            throw new IllegalArgumentException(
                    "clear threshold " + clearThreshold + " above threshold " + threshold);
        }
        if (cooldown < 0) {
            throw new IllegalArgumentException("cooldown must be >= 0, got " + cooldown);
        }
        this.threshold = threshold;
        this.clearThreshold = clearThreshold;
        this.cooldown = cooldown;
    }

    /** Feeds one score; returns true when it opens a new episode and raises an alert. */
    public boolean update(double score) {
        sinceAlert++;
        if (active) {
            if (score < clearThreshold) {
                active = false;
            }
            return false;
        }
        if (score >= threshold && (sinceAlert > cooldown || score >= escalation)) {
            active = true;
            sinceAlert = 0;
            return true;
        }
        return false;
    }
}
