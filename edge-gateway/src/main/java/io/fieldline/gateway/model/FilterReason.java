package io.fieldline.gateway.model;

/**
 * Why a valid reading was not forwarded: a configured filter dropped it on purpose. Filtered
 * readings are counted (label {@code reason}) but not dead-lettered: nothing was wrong with them.
 */
public enum FilterReason {
    /** Outside the metric's physical range. */
    OUT_OF_RANGE,
    /** Changed less than the deadband since the last forwarded value (report by exception). */
    DEADBAND,
    /** The device exceeded its token-bucket rate for the metric. */
    RATE_LIMITED,
    /** The same (device, seq) was seen within the duplicate window. */
    DUPLICATE,
    /** Less than the downsampling interval after the last forwarded value. */
    DOWNSAMPLED,
    /** Older than an already emitted aggregation window (aggregate mode only). */
    LATE_FOR_AGGREGATE
}
