package io.fieldline.analytics.rul;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NASA C-MAPSS run-to-failure data (e.g. {@code train_FD001.txt}): per engine, its cycles in order
 * with the 21 sensor readings; the remaining life of a cycle is {@code lastCycle - cycle}.
 */
public final class CmapssData {
    /** One engine's run to failure: {@code cycles[i]} and {@code sensors[i][0..20]}. */
    public record Engine(int unit, int[] cycles, double[][] sensors) {
        public int remaining(int i) {
            return cycles[cycles.length - 1] - cycles[i];
        }
    }

    private CmapssData() {}

    public static List<Engine> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<Integer, List<double[]>> rows = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split("\\s+");
            if (cols.length < 26) {
                throw new IllegalArgumentException(
                        file + ": line " + (n + 1) + " has " + cols.length + " columns, want 26");
            }
            double[] v = new double[26];
            for (int c = 0; c < 26; c++) {
                v[c] = Double.parseDouble(cols[c]);
            }
            rows.computeIfAbsent((int) v[0], u -> new ArrayList<>()).add(v);
        }
        List<Engine> engines = new ArrayList<>();
        for (Map.Entry<Integer, List<double[]>> e : rows.entrySet()) {
            List<double[]> r = e.getValue();
            r.sort((a, b) -> Double.compare(a[1], b[1]));
            int[] cycles = new int[r.size()];
            double[][] sensors = new double[r.size()][21];
            for (int i = 0; i < r.size(); i++) {
                cycles[i] = (int) r.get(i)[1];
                System.arraycopy(r.get(i), 5, sensors[i], 0, 21);
            }
            engines.add(new Engine(e.getKey(), cycles, sensors));
        }
        return engines;
    }
}
