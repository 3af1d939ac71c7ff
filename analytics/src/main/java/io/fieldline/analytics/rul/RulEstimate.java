package io.fieldline.analytics.rul;

/**
 * One remaining-life estimate: the smoothed health level and its trend, the remaining life (in the
 * time unit of the inputs) with a {@code [low, high]} band, and whether it raised an alert.
 */
public record RulEstimate(
        double level, double slope, double remaining, double low, double high, boolean alert) {}
