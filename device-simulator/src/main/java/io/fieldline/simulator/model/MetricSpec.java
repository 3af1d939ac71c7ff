package io.fieldline.simulator.model;

/**
 * How one metric of an asset type behaves: a base level, how much it follows the asset's load and
 * the daily cycle, Gaussian noise, the sensor's resolution, how far wear moves it by the failure
 * time, and the size of injected faults.
 *
 * @param faultScale typical size of a level shift or drift, in the metric's unit
 * @param spikeSize how far a spike jumps above the current value
 */
public record MetricSpec(
        String name,
        double base,
        double loadGain,
        double dailyAmplitude,
        double noise,
        double resolution,
        double floor,
        double wearGain,
        double faultScale,
        double spikeSize) {

    /** The sensor reports in steps of its resolution and never below its physical floor. */
    public double quantise(double value) {
        double v = Math.max(floor, value);
        return Math.round(v / resolution) * resolution;
    }
}
