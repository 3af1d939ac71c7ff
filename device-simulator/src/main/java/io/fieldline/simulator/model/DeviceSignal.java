package io.fieldline.simulator.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The readings of one simulated device: temperature with a slow cycle and noise, vibration and
 * pressure with noise, and an optional injected temperature spike. Seeded by (fleet seed, device
 * index), so the same seed always produces the same data.
 */
public final class DeviceSignal {
    private final SplittableRandom random;
    private final double baseTemperature;
    private final double baseVibration;
    private final double basePressure;
    private final double phase;

    public DeviceSignal(long seed, int deviceIndex) {
        this.random = new SplittableRandom(seed * 1_000_003L + deviceIndex);
        this.baseTemperature = 40 + random.nextDouble() * 10;
        this.baseVibration = 2 + random.nextDouble();
        this.basePressure = 4 + random.nextDouble();
        this.phase = random.nextDouble() * 2 * Math.PI;
    }

    /**
     * Readings at {@code timeMs}; with {@code spike} the temperature jumps far above normal (a
     * labelled fault the pipeline's threshold alert must catch).
     */
    public Map<String, Double> next(long timeMs, boolean spike) {
        double cycle = Math.sin(phase + timeMs / 60_000.0 * 2 * Math.PI / 10);
        Map<String, Double> m = new LinkedHashMap<>();
        double temperature = baseTemperature + 3 * cycle + noise(0.5);
        m.put("temperature", round(spike ? temperature + 50 : temperature));
        m.put("vibration", round(Math.max(0, baseVibration + noise(0.2))));
        m.put("pressure", round(basePressure + 0.2 * cycle + noise(0.05)));
        return m;
    }

    private double noise(double sigma) {
        // Sum of uniforms: cheap, bounded, near-Gaussian.
        double s = 0;
        for (int i = 0; i < 4; i++) {
            s += random.nextDouble() - 0.5;
        }
        return s * sigma * Math.sqrt(3);
    }

    // Sensors report with finite resolution.
    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The device's JSON payload, as the gateway expects it. */
    public static String json(long timeMs, long seq, Map<String, Double> metrics) {
        StringBuilder b = new StringBuilder(96);
        b.append("{\"ts\":")
                .append(timeMs)
                .append(",\"seq\":")
                .append(seq)
                .append(",\"metrics\":{");
        boolean first = true;
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(e.getKey()).append("\":").append(e.getValue());
        }
        return b.append("}}").toString();
    }
}
