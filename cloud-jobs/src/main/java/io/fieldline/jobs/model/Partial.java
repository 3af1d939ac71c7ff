package io.fieldline.jobs.model;

import io.fieldline.analytics.aggregate.Stats;

/**
 * A mergeable piece of one device/metric's data at one event time: a single raw reading, or an edge
 * gateway's pre-aggregated window. Windows merge partials, so raw readings and edge aggregates of
 * the same period combine exactly.
 */
public class Partial {
    public String deviceId;
    public String metric;
    public long timeMs;
    public Stats stats;

    public Partial() {}

    public static Partial of(Reading r) {
        Partial p = new Partial();
        p.deviceId = r.deviceId;
        p.metric = r.metric;
        p.timeMs = r.eventTimeMs;
        p.stats = Stats.of(r.eventTimeMs, r.value);
        return p;
    }

    public String deviceMetric() {
        return Keys.deviceMetric(deviceId, metric);
    }
}
