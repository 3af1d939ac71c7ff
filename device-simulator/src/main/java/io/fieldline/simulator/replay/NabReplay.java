package io.fieldline.simulator.replay;

import io.fieldline.simulator.load.Workload;
import io.fieldline.simulator.model.DeviceSource;
import io.fieldline.simulator.model.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays NAB CSV files ({@code timestamp,value}, one reading every few minutes) as devices, one
 * per file, named after the file, with the metric {@code value}, at real or accelerated speed.
 */
public final class NabReplay {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NabReplay() {}

    public static Workload of(List<Path> files, String prefix, double speed) throws IOException {
        List<TimedSeries> series = new ArrayList<>();
        for (Path f : files) {
            series.add(read(f, prefix, speed));
        }
        return new Workload() {
            @Override
            public List<String> deviceIds() {
                return series.stream().map(TimedSeries::deviceId).toList();
            }

            @Override
            public List<DeviceSource> begin(long startEpochMs) {
                return List.copyOf(series);
            }

            @Override
            public List<Fault> groundTruth(long untilMs) {
                return List.of();
            }
        };
    }

    static TimedSeries read(Path file, String prefix, double speed) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).trim().equalsIgnoreCase("timestamp,value")) {
            throw new IOException(file + " is not a NAB file: the header must be timestamp,value");
        }
        long[] offsets = new long[lines.size() - 1];
        List<Map<String, Double>> rows = new ArrayList<>();
        long first = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            try {
                long t =
                        LocalDateTime.parse(c[0].trim(), TS)
                                .toInstant(ZoneOffset.UTC)
                                .toEpochMilli();
                first = i == 1 ? t : first;
                offsets[i - 1] = t - first;
                rows.add(Map.of("value", Double.parseDouble(c[1].trim())));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        return new TimedSeries(prefix + name, offsets, rows, speed);
    }
}
