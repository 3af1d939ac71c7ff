package io.fieldline.jobs.model;

/** Keyed state of silence detection for one device: its usual reporting interval and deadline. */
public class SilenceState {
    public long lastEventMs = Long.MIN_VALUE;

    /** Exponentially weighted mean of the gaps between successive readings, in ms. */
    public double meanIntervalMs;

    public long intervals;
    public long deadlineMs = Long.MIN_VALUE;
    public boolean silent;
    public long forgetAtMs = Long.MIN_VALUE;

    public SilenceState() {}
}
