package io.fieldline.analytics.nab;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a whole NAB corpus: per profile, the threshold (NAB's sweep, or a fixed one), the raw and
 * normalised corpus score, and a per-file breakdown.
 */
public final class NabEvaluation {
    /** One scored file: its layout and anomaly scores, keyed by NAB's relative path. */
    public record Entry(String path, NabLayout layout, double[] scores) {}

    /** The corpus result of one profile. */
    public record ProfileResult(
            NabProfile profile,
            double threshold,
            double raw,
            double normalised,
            List<NabScorer.FileScore> files) {}

    public record Report(
            List<Entry> entries, int windows, Map<NabProfile, ProfileResult> profiles) {}

    private NabEvaluation() {}

    /**
     * Scores {@code entries}; {@code fixedThreshold} null means NAB's sweep per profile. Windows
     * are counted over the labels so a missing file cannot inflate the normalised score.
     */
    public static Report evaluate(List<Entry> entries, int windows, Double fixedThreshold) {
        Map<NabProfile, ProfileResult> out = new EnumMap<>(NabProfile.class);
        List<NabLayout> layouts = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (Entry e : entries) {
            layouts.add(e.layout());
            scores.add(e.scores());
        }
        for (NabProfile p : NabProfile.values()) {
            double th =
                    fixedThreshold != null
                            ? fixedThreshold
                            : NabScorer.sweep(layouts, scores, p).threshold();
            double raw = 0;
            List<NabScorer.FileScore> files = new ArrayList<>();
            for (Entry e : entries) {
                NabScorer.FileScore fs = NabScorer.score(e.layout(), e.scores(), th, p);
                files.add(fs);
                raw += fs.raw();
            }
            out.put(p, new ProfileResult(p, th, raw, p.normalise(raw, windows), files));
        }
        return new Report(entries, windows, out);
    }
}
