package io.fieldline.jobs.model;

import io.fieldline.analytics.aggregate.Stats;
import java.util.HashMap;
import java.util.Map;

/** Accumulator of a device's activity session: one {@link Stats} per metric. */
public class SessionStats {
    public Map<String, Stats> byMetric = new HashMap<>();

    public SessionStats() {}
}
