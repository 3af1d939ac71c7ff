package io.fieldline.jobs.model;

/** Keyed state of silence detection for one device: its usual reporting interval and deadline. */
public class SilenceState {
    public long lastEventMs = Long.MIN_VALUE;

    /** Exponentially weighted mean of the gaps between successive readings, in ms. */
    public double meanIntervalMs;

    public long intervals;

    /** Event time by which the next reading is due ({@link Long#MIN_VALUE}: not learned yet). */
    public long deadlineMs = Long.MIN_VALUE;

    /** A live SILENCE alert is open. */
    public boolean silent;

    /** Processing time of the last reading, and of the pending timer (0: none). */
    public long lastArrivalMs;

    public long timerMs;

    public SilenceState() {}
}
