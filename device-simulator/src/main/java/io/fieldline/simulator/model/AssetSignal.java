package io.fieldline.simulator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The readings of one simulated asset over event time: a base level per metric, a load that changes
 * now and then and follows it with a lag, a daily cycle, Gaussian noise and sensor quantisation,
 * wear rising to a failure, and the injected faults applied on top. Seeded per device; the random
 * draws do not depend on the faults, so a faulty run equals the clean run outside the labelled
 * windows.
 */
public final class AssetSignal {
    private static final double LOAD_LAG_MS = 30_000;
    private static final double MEAN_LOAD_HOLD_MS = 10 * 60_000;

    private final AssetType type;
    private final SplittableRandom noise;
    private final SplittableRandom loadRandom;
    private final double[] baseOffset;
    private final double[] stuck;
    private final double phase;
    private final long dayMs;
    private final List<Fault> faults;
    private double load;
    private double targetLoad;
    private long nextSwitchMs = Long.MIN_VALUE;
    private long lastMs = Long.MIN_VALUE;

    public AssetSignal(AssetType type, long seed, long dayMs, List<Fault> faults) {
        SplittableRandom root = new SplittableRandom(seed);
        this.type = type;
        this.loadRandom = root.split();
        this.noise = root.split();
        this.dayMs = dayMs;
        this.faults = List.copyOf(faults);
        this.phase = root.nextDouble() * 2 * Math.PI;
        int n = type.metrics().size();
        this.baseOffset = new double[n];
        this.stuck = new double[n];
        for (int i = 0; i < n; i++) {
            baseOffset[i] =
                    (root.nextDouble() - 0.5) * 0.1 * Math.abs(type.metrics().get(i).base());
            stuck[i] = Double.NaN;
        }
        this.load = 0.3 + 0.7 * root.nextDouble();
        this.targetLoad = load;
    }

    public AssetType type() {
        return type;
    }

    /**
     * The readings at {@code timeMs} (called in time order), or null while the device is silent.
     */
    public Map<String, Double> next(long timeMs, boolean extraTemperatureSpike) {
        advanceLoad(timeMs);
        double daily = Math.sin(phase + 2 * Math.PI * (timeMs % dayMs) / dayMs);
        List<MetricSpec> specs = type.metrics();
        double[] z = new double[specs.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = noise.nextGaussian();
        }
        if (silent(timeMs)) {
            return null;
        }
        double wear = wear(timeMs);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            MetricSpec s = specs.get(i);
            double clean =
                    s.base()
                            + baseOffset[i]
                            + s.loadGain() * load
                            + s.dailyAmplitude() * daily
                            + s.wearGain() * wear;
            double sigma = s.noise() * (1 + wear);
            double v = applyFaults(i, s, clean, sigma, z[i], timeMs);
            if (extraTemperatureSpike && s.name().equals("temperature")) {
                v += s.spikeSize();
            }
            out.put(s.name(), s.quantise(v));
        }
        return out;
    }

    private double applyFaults(int i, MetricSpec s, double clean, double sigma, double z, long t) {
        double v = clean + sigma * z;
        boolean stuckNow = false;
        for (Fault f : faults) {
            if (!f.activeAt(t) || !f.concerns(s.name()) || f.kind().wholeDevice()) {
                continue;
            }
            double progress = (double) (t - f.startMs()) / (f.endMs() - f.startMs());
            switch (f.kind()) {
                case SPIKE -> v += s.spikeSize();
                case LEVEL_SHIFT -> v += s.faultScale();
                case DRIFT -> v += 2 * s.faultScale() * progress;
                case NOISE_BURST -> v += 8 * sigma * z;
                case STUCK -> {
                    stuckNow = true;
                    if (Double.isNaN(stuck[i])) {
                        stuck[i] = s.quantise(v);
                    }
                    v = stuck[i];
                }
                default -> {}
            }
        }
        if (!stuckNow) {
            stuck[i] = Double.NaN;
        }
        return v;
    }

    private boolean silent(long t) {
        for (Fault f : faults) {
            if (f.kind() == FaultKind.DROPOUT && f.activeAt(t)) {
                return true;
            }
            if (f.kind() == FaultKind.DEGRADATION && t >= f.failureMs()) {
                return true; // a failed asset stops reporting
            }
        }
        return false;
    }

    // Wear grows quadratically from the degradation start to 1 at the failure time.
    private double wear(long t) {
        double w = 0;
        for (Fault f : faults) {
            if (f.kind() == FaultKind.DEGRADATION && t >= f.startMs()) {
                double x = Math.min(1, (double) (t - f.startMs()) / (f.failureMs() - f.startMs()));
                w = Math.max(w, x * x);
            }
        }
        return w;
    }

    // Load switches to a new level at exponential intervals and follows with a first-order lag.
    private void advanceLoad(long t) {
        if (lastMs == Long.MIN_VALUE) {
            lastMs = t;
            nextSwitchMs = t + holdMs();
        }
        while (t >= nextSwitchMs) {
            targetLoad = 0.3 + 0.7 * loadRandom.nextDouble();
            nextSwitchMs += holdMs();
        }
        double dt = Math.max(0, t - lastMs);
        load += (targetLoad - load) * (1 - Math.exp(-dt / LOAD_LAG_MS));
        lastMs = t;
    }

    private long holdMs() {
        return 1 + (long) (-Math.log(1 - loadRandom.nextDouble()) * MEAN_LOAD_HOLD_MS);
    }
}
