package io.fieldline.simulator.replay;

import io.fieldline.simulator.load.Workload;
import io.fieldline.simulator.model.DeviceSource;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.model.FaultKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays C-MAPSS run-to-failure engines (space-separated: unit, cycle, 3 settings, 21 sensors) as
 * devices {@code engine-NNN}, one cycle every {@code cycle} divided by the speed-up. Every engine
 * runs to failure, so the ground truth has one degradation per engine whose failure time is one
 * cycle after its last row.
 */
public final class CmapssReplay {
    private CmapssReplay() {}

    public static Workload of(Path file, String prefix, long cycleMs, double speed)
            throws IOException {
        Map<Integer, List<Map<String, Double>>> units = read(file);
        List<TimedSeries> series = new ArrayList<>();
        units.forEach(
                (unit, rows) -> {
                    long[] offsets = new long[rows.size()];
                    for (int i = 0; i < offsets.length; i++) {
                        offsets[i] = i * cycleMs;
                    }
                    series.add(
                            new TimedSeries(
                                    prefix + String.format("%03d", unit), offsets, rows, speed));
                });
        return new Workload() {
            private long start;

            @Override
            public List<String> deviceIds() {
                return series.stream().map(TimedSeries::deviceId).toList();
            }

            @Override
            public List<DeviceSource> begin(long startEpochMs) {
                start = startEpochMs;
                return List.copyOf(series);
            }

            @Override
            public List<Fault> groundTruth(long untilMs) {
                List<Fault> out = new ArrayList<>();
                for (TimedSeries s : series) {
                    long failure =
                            s.eventTimeOf(s.size() - 1, start) + Math.round(cycleMs / s.speed());
                    out.add(
                            new Fault(
                                    s.deviceId(),
                                    Fault.ANY_METRIC,
                                    FaultKind.DEGRADATION,
                                    start,
                                    failure,
                                    failure));
                }
                return out;
            }
        };
    }

    static Map<Integer, List<Map<String, Double>>> read(Path file) throws IOException {
        Map<Integer, List<Map<String, Double>>> units = new TreeMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] c = line.split("\\s+");
            if (c.length < 26) {
                throw new IOException(
                        file + " line " + (n + 1) + ": expected 26 columns, got " + c.length);
            }
            Map<String, Double> m = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) {
                m.put("setting" + (i + 1), Double.parseDouble(c[2 + i]));
            }
            for (int i = 0; i < 21; i++) {
                m.put("sensor" + (i + 1), Double.parseDouble(c[5 + i]));
            }
            units.computeIfAbsent(Integer.parseInt(c[0]), u -> new ArrayList<>()).add(m);
        }
        return units;
    }
}
