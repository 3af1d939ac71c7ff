package io.fieldline.simulator.model;

import java.util.List;

/**
 * The kinds of simulated assets and the metrics each reports. Rotating machines follow their load
 * and wear (vibration and bearing temperature climb towards failure); building assets follow the
 * daily cycle. Temperature spikes are large enough to cross an 80 °C alarm on every asset type.
 */
public enum AssetType {
    PUMP(
            List.of(
                    m("temperature", 38, 10, 2, 0.3, 0.1, -40, 30, 12, 70),
                    m("vibration", 1.8, 1.2, 0, 0.15, 0.01, 0, 6, 3, 12),
                    m("pressure", 3.5, 2.5, 0, 0.05, 0.01, 0, -0.8, 1.5, 6),
                    m("flow", 40, 60, 0, 1, 0.1, 0, -10, 20, 80),
                    m("current", 12, 18, 0, 0.2, 0.1, 0, 4, 8, 30))),
    MOTOR(
            List.of(
                    m("temperature", 45, 20, 2, 0.3, 0.1, -40, 30, 12, 70),
                    m("vibration", 1.2, 1.0, 0, 0.1, 0.01, 0, 6, 3, 12),
                    m("current", 20, 40, 0, 0.4, 0.1, 0, 6, 12, 40),
                    m("rpm", 1495, -20, 0, 1, 1, 0, -15, 60, 300))),
    COMPRESSOR(
            List.of(
                    m("temperature", 52, 15, 3, 0.4, 0.1, -40, 25, 12, 70),
                    m("vibration", 2.5, 1.5, 0, 0.2, 0.01, 0, 7, 3, 12),
                    m("pressure", 7, 1.5, 0, 0.08, 0.01, 0, -1, 2, 6),
                    m("current", 30, 35, 0, 0.5, 0.1, 0, 8, 12, 40))),
    HVAC(
            List.of(
                    m("temperature", 15, -2, 2, 0.2, 0.1, -40, 8, 6, 72),
                    m("humidity", 45, 5, 8, 1, 1, 0, 0, 15, 40),
                    m("power", 4, 12, 1, 0.2, 0.01, 0, 3, 5, 20))),
    ENVIRONMENT(
            List.of(
                    m("temperature", 21, 1, 4, 0.15, 0.1, -40, 0, 6, 70),
                    m("humidity", 50, 0, -10, 1, 1, 0, 0, 15, 40),
                    m("co2", 450, 400, 0, 10, 1, 350, 0, 300, 1500)));

    private final List<MetricSpec> metrics;

    AssetType(List<MetricSpec> metrics) {
        this.metrics = metrics;
    }

    public List<MetricSpec> metrics() {
        return metrics;
    }

    /** Rotating machines wear out; building assets and sensors do not degrade here. */
    public boolean wears() {
        return this == PUMP || this == MOTOR || this == COMPRESSOR;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static MetricSpec m(
            String name,
            double base,
            double loadGain,
            double daily,
            double noise,
            double resolution,
            double floor,
            double wear,
            double faultScale,
            double spike) {
        return new MetricSpec(
                name, base, loadGain, daily, noise, resolution, floor, wear, faultScale, spike);
    }
}
