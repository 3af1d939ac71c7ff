package io.fieldline.analytics.detect;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads named numeric parameters with defaults and rejects any parameter nobody asked for. */
final class Params {
    private final String detector;
    private final Map<String, Double> values;
    private final Set<String> used = new HashSet<>();

    Params(String detector, Map<String, Double> values) {
        this.detector = detector;
        this.values = values == null ? Map.of() : values;
    }

    double get(String name, double dflt) {
        used.add(name);
        Double v = values.get(name);
        if (v != null && !Double.isFinite(v)) {
            throw new IllegalArgumentException(
                    detector + ": parameter " + name + " must be finite");
        }
        return v == null ? dflt : v;
    }

    int getInt(String name, int dflt) {
        double v = get(name, dflt);
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException(
                    detector + ": parameter " + name + " must be an integer, got " + v);
        }
        return (int) v;
    }

    /** Fails naming every parameter that no reader consumed, and listing the known ones. */
    void checkAllUsed() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    detector
                            + ": unknown parameter(s) "
                            + unknown
                            + "; known: "
                            + new TreeSet<>(used));
        }
    }
}
