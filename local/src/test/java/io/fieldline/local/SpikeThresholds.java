package io.fieldline.local;

import io.fieldline.simulator.model.AssetType;
import io.fieldline.simulator.model.MetricSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One alarm threshold per metric that separates a simulated fleet's normal readings from its
 * injected spikes, derived from the simulator's own metric specifications: above every normal
 * reading (base ± 5 % offset, load in [0.3, 1], daily swing, 5 σ of noise) and below every spiked
 * one. Fails when the chosen asset types make a metric inseparable.
 */
final class SpikeThresholds {
    private static final double SIGMAS = 5;

    private SpikeThresholds() {}

    static Map<String, Double> of(List<AssetType> assets) {
        Map<String, double[]> ranges = new LinkedHashMap<>(); // metric -> {normal max, spike min}
        for (AssetType type : assets) {
            for (MetricSpec m : type.metrics()) {
                double[] r =
                        ranges.computeIfAbsent(
                                m.name(), k -> new double[] {-Double.MAX_VALUE, Double.MAX_VALUE});
                double offset = 0.05 * Math.abs(m.base());
                double swing = Math.abs(m.dailyAmplitude()) + SIGMAS * m.noise();
                double high = m.base() + offset + Math.max(0.3 * m.loadGain(), m.loadGain());
                double low = m.base() - offset + Math.min(0.3 * m.loadGain(), m.loadGain());
                r[0] = Math.max(r[0], high + swing);
                r[1] = Math.min(r[1], low - swing + m.spikeSize());
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        ranges.forEach(
                (metric, r) -> {
                    if (r[0] >= r[1]) {
                        throw new IllegalArgumentException(
                                String.format(
                                        "%s: normal readings reach %.2f but spikes start at %.2f",
                                        metric, r[0], r[1]));
                    }
                    out.put(metric, (r[0] + r[1]) / 2);
                });
        return out;
    }
}
