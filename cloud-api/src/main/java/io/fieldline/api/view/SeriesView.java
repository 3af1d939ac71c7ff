package io.fieldline.api.view;

import io.fieldline.proto.WindowAggregate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Window aggregates per device and metric, ordered by window start, bounded per series by count and
 * by age relative to the newest window seen. A re-delivered window replaces the old one.
 */
public final class SeriesView {
    private static final Comparator<WindowKey> ORDER =
            Comparator.comparingLong(WindowKey::start)
                    .thenComparingLong(WindowKey::end)
                    .thenComparing(WindowKey::kind);

    private final int maxPoints;
    private final long retentionMs;
    private final Map<String, Map<String, TreeMap<WindowKey, WindowAggregate>>> series =
            new HashMap<>();
    private long newestEndMs = Long.MIN_VALUE;

    public SeriesView(int maxPoints, long retentionMs) {
        this.maxPoints = maxPoints;
        this.retentionMs = retentionMs;
    }

    public synchronized void add(WindowAggregate agg) {
        TreeMap<WindowKey, WindowAggregate> points =
                series.computeIfAbsent(agg.getDeviceId(), d -> new HashMap<>())
                        .computeIfAbsent(agg.getMetric(), m -> new TreeMap<>(ORDER));
        // The highest revision of a window wins (the job re-emits a window when late data merges).
        points.merge(
                WindowKey.of(agg),
                agg,
                (old, now) -> now.getRevision() >= old.getRevision() ? now : old);
        newestEndMs = Math.max(newestEndMs, agg.getWindowEndMs());
        long cutoff = newestEndMs - retentionMs;
        while (!points.isEmpty()
                && (points.size() > maxPoints || points.firstKey().end() < cutoff)) {
            points.pollFirstEntry();
        }
    }

    /**
     * Aggregates of one device whose window overlaps [fromMs, toMs), oldest first.
     *
     * @param metric one metric, or null for all
     * @param windowKind "tumbling", "sliding", "session", or null for all
     */
    public synchronized List<WindowAggregate> query(
            String device, String metric, String windowKind, long fromMs, long toMs) {
        Map<String, TreeMap<WindowKey, WindowAggregate>> byMetric =
                series.getOrDefault(device, Map.of());
        List<WindowAggregate> out = new ArrayList<>();
        byMetric.forEach(
                (m, points) -> {
                    if (metric != null && !metric.equals(m)) {
                        return;
                    }
                    for (WindowAggregate a : points.values()) {
                        boolean overlaps =
                                a.getWindowEndMs() > fromMs && a.getWindowStartMs() < toMs;
                        if (overlaps
                                && (windowKind == null || windowKind.equals(a.getWindowKind()))) {
                            out.add(a);
                        }
                    }
                });
        out.sort(Comparator.comparingLong(WindowAggregate::getWindowStartMs));
        return out;
    }

    /** The metrics a device has aggregates for, sorted. */
    public synchronized List<String> metrics(String device) {
        return series.getOrDefault(device, Map.of()).keySet().stream().sorted().toList();
    }

    /** Drops every series of a device (called when the fleet view evicts it). */
    public synchronized void forget(String device) {
        series.remove(device);
    }

    private record WindowKey(long start, long end, String kind) {
        static WindowKey of(WindowAggregate a) {
            return new WindowKey(a.getWindowStartMs(), a.getWindowEndMs(), a.getWindowKind());
        }
    }
}
