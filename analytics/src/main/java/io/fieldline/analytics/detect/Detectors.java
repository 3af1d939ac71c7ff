package io.fieldline.analytics.detect;

import java.util.List;
import java.util.Map;

/**
 * Creates detectors by name with parameters from a map, the way rules and configuration name them.
 * Every detector accepts the gate parameters {@code threshold}, {@code clear} and {@code cooldown}
 * (readings); unknown names and parameters fail with a message listing the valid ones.
 */
public final class Detectors {
    public static final List<String> NAMES =
            List.of(
                    "windowedGaussian",
                    "robustZ",
                    "seasonal",
                    "rateOfChange",
                    "stuck",
                    "dropout",
                    "ensemble");

    private Detectors() {}

    public static BaseDetector create(String name, Map<String, Double> params) {
        Params p = new Params(name, params);
        BaseDetector d =
                switch (name) {
                    case "windowedGaussian" ->
                            new WindowedGaussianDetector(p.getInt("window", 6400));
                    case "robustZ" ->
                            new RobustZScoreDetector(
                                    p.get("alpha", 0.05), p.get("clip", 3), p.getInt("warmup", 30));
                    case "seasonal" -> seasonal(p);
                    case "rateOfChange" ->
                            new RateOfChangeDetector(p.get("alpha", 0.05), p.getInt("warmup", 30));
                    case "stuck" ->
                            new StuckDetector(p.getInt("minRun", 10), p.get("tolerance", 1e-9));
                    case "dropout" -> new DropoutDetector(p.get("factor", 3));
                    case "ensemble" -> ensemble(p);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown detector '" + name + "'; known: " + NAMES);
                };
        AlertGate g = d.gate;
        d.gate =
                new AlertGate(
                        p.get("threshold", g.threshold),
                        p.get("clear", g.clearThreshold),
                        p.getInt("cooldown", g.cooldown));
        d.gate.escalation = p.get("escalation", g.escalation);
        p.checkAllUsed();
        return d;
    }

    private static SeasonalDetector seasonal(Params p) {
        SeasonalDetector s =
                new SeasonalDetector(
                        (long) (p.get("periodHours", 24) * 3_600_000L),
                        p.getInt("bins", 48),
                        p.get("alpha", 0.05),
                        p.get("shiftAlpha", 0.1));
        s.pooledWeight = p.get("pooledWeight", s.pooledWeight);
        return s;
    }

    private static EnsembleDetector ensemble(Params p) {
        EnsembleDetector e = new EnsembleDetector();
        e.gaussian = new WindowedGaussianDetector(p.getInt("window", 1000));
        e.seasonal = seasonal(p);
        e.rate = new RateOfChangeDetector(0.05, 30);
        e.stuck = new StuckDetector(p.getInt("minRun", 30), 1e-9);
        e.dropout = new DropoutDetector(p.get("factor", 3));
        e.gaussianWeight = p.get("gaussianWeight", e.gaussianWeight);
        e.seasonalWeight = p.get("seasonalWeight", e.seasonalWeight);
        e.rateWeight = p.get("rateWeight", e.rateWeight);
        e.stuckWeight = p.get("stuckWeight", e.stuckWeight);
        e.dropoutWeight = p.get("dropoutWeight", e.dropoutWeight);
        e.margin = p.get("margin", e.margin);
        e.longFactor = p.get("longFactor", e.longFactor);
        e.longDecay = p.get("longDecay", e.longDecay);
        e.decay = p.get("decay", e.decay);
        e.floor = p.get("floor", e.floor);
        e.warmup = p.getInt("warmup", e.warmup);
        return e;
    }
}
