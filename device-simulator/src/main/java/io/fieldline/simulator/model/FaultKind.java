package io.fieldline.simulator.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of labelled faults the simulator injects, as named in the ground-truth file. */
public enum FaultKind {
    SPIKE,
    LEVEL_SHIFT,
    DRIFT,
    STUCK,
    DROPOUT,
    NOISE_BURST,
    /** Wear building up to a failure: the label's end is the failure time. */
    DEGRADATION;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the fault concerns the whole device rather than one metric. */
    public boolean wholeDevice() {
        return this == DROPOUT || this == DEGRADATION;
    }

    public static FaultKind parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown fault kind '"
                            + text
                            + "'; known: "
                            + Arrays.stream(values())
                                    .map(FaultKind::label)
                                    .collect(Collectors.joining(",")));
        }
    }
}
