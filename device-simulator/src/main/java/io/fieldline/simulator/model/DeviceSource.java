package io.fieldline.simulator.model;

/**
 * A device as the publisher sees it: when its next reading is due, relative to the run start, and
 * the reading itself. Fleet assets and replayed datasets both implement it.
 */
public interface DeviceSource {
    String deviceId();

    /** Intended send time of the next reading, nanoseconds after the run start. */
    long nextOffsetNanos();

    /** Whether the source has no more readings (a replay that ran out). */
    boolean finished();

    /**
     * Produces the reading due at {@link #nextOffsetNanos()} and advances; null when the device is
     * silent at that time (dropout, failed asset).
     */
    Reading take(long startEpochMs);
}
