package io.fieldline.analytics.eval;

import io.fieldline.analytics.detect.BaseDetector;
import io.fieldline.analytics.detect.Detectors;
import io.fieldline.analytics.nab.NabEvaluation;
import io.fieldline.analytics.nab.NabLabels;
import io.fieldline.analytics.nab.NabLayout;
import io.fieldline.analytics.nab.NabSeries;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval nab}: replays every labelled NAB file through a detector (or reads existing NAB
 * result files), writes NAB result files and prints the per-file table and the three normalised
 * scores.
 */
final class NabCommand {
    static final Set<String> FLAGS =
            Set.of(
                    "--data",
                    "--labels",
                    "--detector",
                    "--out",
                    "--results",
                    "--threshold",
                    "--output");

    private NabCommand() {}

    static void run(Args a, PrintStream out) {
        Path data = a.existing("--data", true);
        Path labelsFile = a.existing("--labels", false);
        Map<String, List<String[]>> labels = NabLabels.read(labelsFile);
        String spec = a.get("--detector");
        Path results = a.get("--results") == null ? null : a.existing("--results", true);
        if ((spec == null) == (results == null)) {
            throw new Args.UsageException("give exactly one of --detector NAME or --results DIR");
        }
        String output = a.get("--output") == null ? "alerts" : a.get("--output");
        if (!output.equals("alerts") && !output.equals("scores")) {
            throw new Args.UsageException(
                    "--output must be 'alerts' or 'scores', got '" + output + "'");
        }
        Double threshold = a.doubleValue("--threshold");
        if (threshold == null && results == null && output.equals("alerts")) {
            threshold = 1.0; // binary alerts: no sweep
        }
        String name = results != null ? results.getFileName().toString() : spec.split(":", 2)[0];
        List<NabEvaluation.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : labels.entrySet()) {
            Path file = data.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                throw new Args.UsageException(
                        "--data " + data + ": missing labelled file " + e.getKey());
            }
            NabSeries series = NabSeries.read(file);
            NabLayout layout = new NabLayout(series.timestamps, e.getValue());
            double[] scores =
                    results != null
                            ? NabSeries.read(resultPath(results, name, e.getKey())).scores
                            : replay(spec, series, output.equals("alerts"));
            if (a.get("--out") != null) {
                write(Path.of(a.get("--out")), name, e.getKey(), series, layout, scores);
            }
            entries.add(new NabEvaluation.Entry(e.getKey(), layout, scores));
        }
        NabEvaluation.Report report =
                NabEvaluation.evaluate(entries, NabLabels.windowCount(labels), threshold);
        NabReport.print(report, name, out);
    }

    /** Parses {@code name} or {@code name:key=value,key=value}. */
    static BaseDetector detector(String spec) {
        String[] parts = spec.split(":", 2);
        Map<String, Double> params = new LinkedHashMap<>();
        if (parts.length == 2 && !parts[1].isBlank()) {
            for (String kv : parts[1].split(",")) {
                String[] p = kv.split("=", 2);
                try {
                    params.put(p[0].trim(), Double.valueOf(p[1].trim()));
                } catch (RuntimeException ex) {
                    throw new Args.UsageException(
                            "--detector: bad parameter '" + kv + "' (want key=number)");
                }
            }
        }
        try {
            return Detectors.create(parts[0], params);
        } catch (IllegalArgumentException ex) {
            throw new Args.UsageException("--detector: " + ex.getMessage());
        }
    }

    static double[] replay(String spec, NabSeries series, boolean alerts) {
        BaseDetector d = detector(spec);
        double[] scores = new double[series.size()];
        for (int i = 0; i < scores.length; i++) {
            double s = d.update(series.epochMs[i], series.values[i]);
            scores[i] = alerts ? (d.alert() ? 1.0 : 0.0) : s;
        }
        return scores;
    }

    private static Path resultPath(Path dir, String name, String relative) {
        Path rel = Path.of(relative);
        Path p =
                dir.resolve(rel.getParent() == null ? "" : rel.getParent().toString())
                        .resolve(name + "_" + rel.getFileName());
        if (!Files.isRegularFile(p)) {
            throw new Args.UsageException("--results: missing result file " + p);
        }
        return p;
    }

    private static void write(
            Path out, String name, String relative, NabSeries s, NabLayout l, double[] scores) {
        Path rel = Path.of(relative);
        Path dir =
                out.resolve(name)
                        .resolve(rel.getParent() == null ? "" : rel.getParent().toString());
        StringBuilder b = new StringBuilder("timestamp,value,anomaly_score,label\n");
        for (int i = 0; i < s.size(); i++) {
            b.append(s.timestamps[i])
                    .append(',')
                    .append(s.values[i])
                    .append(',')
                    .append(scores[i])
                    .append(',')
                    .append(l.windowOf[i] >= 0 ? 1 : 0)
                    .append('\n');
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + "_" + rel.getFileName()), b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results under " + out, e);
        }
    }
}
