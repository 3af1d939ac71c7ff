package io.fieldline.jobs.model;

import io.fieldline.analytics.aggregate.Stats;
import java.util.List;

/**
 * A mergeable piece of one device/metric's data at one event time: a single raw reading, or an edge
 * gateway's pre-aggregated window. Windows merge partials, so raw readings and edge aggregates of
 * the same period combine exactly.
 */
public class Partial {
    /** The device's next in-order reading: moves the device's windows on. */
    public static final int ORDERED = 0;

    /** A reading behind the device's clock: corrects the window it belongs to. */
    public static final int LATE = 1;

    /** An edge gateway's pre-aggregated window: merged into its cloud window whenever it comes. */
    public static final int EDGE = 2;

    /** No data: the device's clock moved to {@code timeMs} ({@link Long#MAX_VALUE}: close all). */
    public static final int TICK = 3;

    public String deviceId;
    public String metric;
    public long timeMs;
    public Stats stats;
    public int kind;

    /**
     * For {@link #ORDERED} (always): the readings of one event time at once, instead of {@code
     * metric} and {@code stats}.
     */
    public List<Reading> readings;

    public Partial() {}

    public static Partial of(Reading r) {
        Partial p = new Partial();
        p.deviceId = r.deviceId;
        p.metric = r.metric;
        p.timeMs = r.eventTimeMs;
        p.stats = Stats.of(r.eventTimeMs, r.value);
        return p;
    }

    public static Partial of(Reading r, int kind) {
        Partial p = of(r);
        p.kind = kind;
        return p;
    }

    /** The device's in-order readings at one event time, for the windows in one step. */
    public static Partial ordered(List<Reading> readings) {
        Partial p = new Partial();
        p.deviceId = readings.get(0).deviceId;
        p.timeMs = readings.get(0).eventTimeMs;
        p.kind = ORDERED;
        p.readings = readings;
        return p;
    }

    public static Partial tick(String deviceId, long clockMs) {
        Partial p = new Partial();
        p.deviceId = deviceId;
        p.timeMs = clockMs;
        p.kind = TICK;
        return p;
    }

    public String deviceMetric() {
        return Keys.deviceMetric(deviceId, metric);
    }
}
