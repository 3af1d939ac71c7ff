package io.fieldline.simulator.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A recurring temperature spike for demos of unbounded length: spike k (k = 1, 2, ...) hits one
 * device picked by the seed, at the first reading in the window starting {@code (k - 1/2) * every}
 * after the run start (so the first comes after half a period) and one device period long.
 */
public record PeriodicSpikes(long startMs, long everyMs, long periodMs, int devices, long seed) {

    public boolean isSpike(int deviceIndex, long timeMs) {
        long since = timeMs - startMs + everyMs / 2;
        if (since < everyMs) {
            return false;
        }
        long k = since / everyMs;
        long windowStart = k * everyMs;
        return since - windowStart < periodMs && device(k) == deviceIndex;
    }

    int device(long k) {
        long h = (seed ^ 0x5EEDL) * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (int) Math.floorMod(h, (long) devices);
    }

    /** The labels of all spikes that start before {@code untilMs}. */
    public List<Fault> labels(List<String> deviceIds, long untilMs) {
        List<Fault> out = new ArrayList<>();
        for (long k = 1; ; k++) {
            long start = startMs + k * everyMs - everyMs / 2;
            if (start >= untilMs) {
                return out;
            }
            out.add(
                    new Fault(
                            deviceIds.get(device(k)),
                            "temperature",
                            FaultKind.SPIKE,
                            start,
                            start + periodMs,
                            0));
        }
    }
}
