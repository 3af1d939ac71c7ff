package io.fieldline.simulator.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ground-truth file: one CSV line per injected fault, {@code
 * device,metric,kind,start_ms,end_ms,failure_ms} (times in event-time epoch ms, end exclusive,
 * failure empty unless the kind is degradation), sorted by start.
 */
public final class GroundTruth {
    public static final String HEADER = "device,metric,kind,start_ms,end_ms,failure_ms";

    private GroundTruth() {}

    public static List<String> lines(List<Fault> faults) {
        List<String> out = new ArrayList<>();
        out.add(HEADER);
        faults.stream()
                .sorted(Comparator.comparingLong(Fault::startMs).thenComparing(Fault::deviceId))
                .forEach(
                        f ->
                                out.add(
                                        String.join(
                                                ",",
                                                f.deviceId(),
                                                f.metric(),
                                                f.kind().label(),
                                                Long.toString(f.startMs()),
                                                Long.toString(f.endMs()),
                                                f.failureMs() == 0
                                                        ? ""
                                                        : Long.toString(f.failureMs()))));
        return out;
    }

    public static void write(Path file, List<Fault> faults) throws IOException {
        Files.write(file, lines(faults), StandardCharsets.UTF_8);
    }

    public static List<Fault> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new IOException(
                    file + " is not a ground-truth file: first line must be " + HEADER);
        }
        List<Fault> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] c = line.split(",", -1);
            try {
                out.add(
                        new Fault(
                                c[0],
                                c[1],
                                FaultKind.parse(c[2]),
                                Long.parseLong(c[3]),
                                Long.parseLong(c[4]),
                                c[5].isEmpty() ? 0 : Long.parseLong(c[5])));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
