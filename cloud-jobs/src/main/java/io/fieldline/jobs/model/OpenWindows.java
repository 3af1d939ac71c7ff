package io.fieldline.jobs.model;

import io.fieldline.analytics.aggregate.Stats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A device's open tumbling window (one start for all its metrics, since its readings come in
 * order), its open activity session, and how far its sliding windows have been emitted.
 */
public class OpenWindows {
    public long tumblingStartMs = Long.MIN_VALUE;
    public Map<String, Stats> tumbling = new HashMap<>();

    public long sessionStartMs = Long.MIN_VALUE;
    public long sessionLastMs = Long.MIN_VALUE;
    public Map<String, Stats> session = new HashMap<>();

    /** Per metric: sliding windows ending at or before this are emitted. */
    public Map<String, Long> slidingFrontier = new HashMap<>();

    /** Per metric: the start of the latest tumbling pane with data. */
    public Map<String, Long> lastPane = new HashMap<>();

    /** Metrics with emitted windows, and where their kept history begins (event time). */
    public List<String> metrics = new ArrayList<>();

    public long historyFromMs = Long.MIN_VALUE;

    public OpenWindows() {}
}
