package io.fieldline.analytics.detect;

/**
 * A causal streaming anomaly detector for one series (one device and metric). Each reading is fed
 * once, in order, with bounded work and memory; the detector returns an anomaly score in {@code [0,
 * 1]} and decides, through its {@link AlertGate}, whether this reading opens a new alert episode
 * (at most one alert per episode, then a cool-down).
 *
 * <p>Implementations are Flink POJOs (public no-arg constructor, public non-final fields of
 * concrete types), so operators can keep a detector directly in keyed state. Create them by name
 * with {@link Detectors#create(String, java.util.Map)}.
 */
public interface Detector {
    /** Feeds one reading and returns its anomaly score in {@code [0, 1]}. */
    double update(long timestampMs, double value);

    /** Whether the last {@link #update} raised an alert (true once per episode). */
    boolean alert();

    /** The score returned by the last {@link #update}. */
    double score();
}
