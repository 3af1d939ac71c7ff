package io.fieldline.analytics.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** NAB's {@code combined_windows.json}: per data file (relative path), its anomaly windows. */
public final class NabLabels {
    private NabLabels() {}

    public static Map<String, List<String[]>> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labels " + file, e);
        }
        return parse(text);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, List<String[]>> parse(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("labels: expected a JSON object of file -> windows");
        }
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) root).entrySet()) {
            List<String[]> windows = new ArrayList<>();
            for (Object w : (List<Object>) e.getValue()) {
                if (!(w instanceof List<?> pair)
                        || pair.size() != 2
                        || !(pair.get(0) instanceof String)) {
                    throw new IllegalArgumentException(
                            "labels: windows of "
                                    + e.getKey()
                                    + " are not [[start, end], ...]"
                                    + " (is this combined_windows.json?)");
                }
                if (pair.size() != 2) {
                    throw new IllegalArgumentException(
                            "labels: window of " + e.getKey() + " is not [start, end]");
                }
                windows.add(new String[] {(String) pair.get(0), String.valueOf(pair.get(1))});
            }
            out.put(e.getKey(), windows);
        }
        return out;
    }

    public static int windowCount(Map<String, List<String[]>> labels) {
        return labels.values().stream().mapToInt(List::size).sum();
    }
}
