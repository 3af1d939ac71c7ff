package io.fieldline.gateway.functions;

import java.util.HashMap;
import java.util.Map;

/**
 * One device's filter memory: the last few (seq, event time) pairs, in two primitive ring arrays
 * (16 bytes a sighting, no objects: a gateway may remember thousands of devices), and per-metric
 * filter state.
 */
final class DeviceFilterState {
    private final long[] seqs;
    private final long[] times;
    private int size;
    private int next;
    private final Map<String, MetricFilterState> metrics = new HashMap<>();

    DeviceFilterState(int dedupWindow) {
        this.seqs = new long[dedupWindow];
        this.times = new long[dedupWindow];
    }

    /**
     * True the first time a (seq, event time) pair is seen within the window. The event time is
     * part of the key so that a device whose counter restarts after a reboot is not suppressed.
     */
    boolean firstSighting(long seq, long eventTimeMs) {
        if (seqs.length == 0) {
            return true;
        }
        for (int i = 0; i < size; i++) {
            if (seqs[i] == seq && times[i] == eventTimeMs) {
                return false;
            }
        }
        seqs[next] = seq;
        times[next] = eventTimeMs;
        next = (next + 1) % seqs.length;
        size = Math.min(size + 1, seqs.length);
        return true;
    }

    /**
     * Forgets a sighting, so that the device's resend of a reading the gateway refused is taken
     * rather than suppressed as a duplicate.
     */
    void forget(long seq, long eventTimeMs) {
        for (int i = 0; i < size; i++) {
            if (seqs[i] == seq && times[i] == eventTimeMs) {
                seqs[i] = Long.MIN_VALUE;
                times[i] = Long.MIN_VALUE;
            }
        }
    }

    MetricFilterState metric(String name) {
        return metrics.computeIfAbsent(name, n -> new MetricFilterState());
    }
}
