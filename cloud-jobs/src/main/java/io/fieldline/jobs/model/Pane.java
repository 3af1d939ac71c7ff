package io.fieldline.jobs.model;

import io.fieldline.analytics.aggregate.Stats;

/** One slide-sized slice of a device/metric's data; sliding windows merge consecutive panes. */
public class Pane {
    public String deviceId;
    public String metric;
    public long startMs;
    public Stats stats;

    public Pane() {}

    public String deviceMetric() {
        return Keys.deviceMetric(deviceId, metric);
    }
}
