package io.fieldline.gateway.functions;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/** One device's filter memory: recently seen (seq, event time) pairs and per-metric state. */
final class DeviceFilterState {
    private final int dedupWindow;

    private record Sighting(long seq, long eventTimeMs) {}

    private final LinkedHashSet<Sighting> recent = new LinkedHashSet<>();
    private final Map<String, MetricFilterState> metrics = new HashMap<>();

    DeviceFilterState(int dedupWindow) {
        this.dedupWindow = dedupWindow;
    }

    /**
     * True the first time a (seq, event time) pair is seen within the window. The event time is
     * part of the key so that a device whose counter restarts after a reboot is not suppressed.
     */
    boolean firstSighting(long seq, long eventTimeMs) {
        if (dedupWindow == 0) {
            return true;
        }
        if (!recent.add(new Sighting(seq, eventTimeMs))) {
            return false;
        }
        if (recent.size() > dedupWindow) {
            var it = recent.iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    MetricFilterState metric(String name) {
        return metrics.computeIfAbsent(name, n -> new MetricFilterState());
    }
}
