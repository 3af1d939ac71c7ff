package io.fieldline.analytics.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One NAB CSV file in memory: timestamps (as text and epoch ms) and values, plus the anomaly scores
 * when it is a NAB result file ({@code timestamp,value,anomaly_score,label,...}).
 */
public final class NabSeries {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public final String[] timestamps;
    public final long[] epochMs;
    public final double[] values;

    /** Anomaly scores from a result file; null for a data file. */
    public final double[] scores;

    private NabSeries(String[] timestamps, double[] values, double[] scores) {
        this.timestamps = timestamps;
        this.values = values;
        this.scores = scores;
        this.epochMs = new long[timestamps.length];
        for (int i = 0; i < timestamps.length; i++) {
            epochMs[i] = epochMs(timestamps[i]);
        }
    }

    public int size() {
        return values.length;
    }

    public static long epochMs(String ts) {
        return LocalDateTime.parse(NabLayout.normalise(ts), TS)
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli();
    }

    /**
     * Reads a data file ({@code timestamp,value}) or a result file (with {@code anomaly_score}).
     */
    public static NabSeries read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty file");
        }
        String[] header = lines.get(0).split(",");
        int scoreCol = -1;
        for (int c = 0; c < header.length; c++) {
            if (header[c].trim().equals("anomaly_score")) {
                scoreCol = c;
            }
        }
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line);
            }
        }
        String[] ts = new String[rows.size()];
        double[] values = new double[rows.size()];
        double[] scores = scoreCol < 0 ? null : new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] cols = rows.get(i).split(",");
            try {
                ts[i] = cols[0].trim();
                values[i] = Double.parseDouble(cols[1].trim());
                if (scores != null) {
                    scores[i] = Double.parseDouble(cols[scoreCol].trim());
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        file + ": bad row " + (i + 2) + ": " + rows.get(i), e);
            }
        }
        return new NabSeries(ts, values, scores);
    }
}
