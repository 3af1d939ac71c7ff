package io.fieldline.jobs.model;

import io.fieldline.analytics.aggregate.Stats;

/** A window result already emitted, kept so a late piece of data can correct it. */
public class EmittedWindow {
    public Stats stats;
    public int revision;

    public EmittedWindow() {}

    public EmittedWindow(Stats stats, int revision) {
        this.stats = stats;
        this.revision = revision;
    }
}
