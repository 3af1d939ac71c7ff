package io.fieldline.simulator.model;

/**
 * One injected fault, a line of the ground truth: which device and metric ({@code *} for the whole
 * device), the kind, and when it is active, in event time (epoch ms, end exclusive). A degradation
 * ends at its failure time; other kinds have {@code failureMs == 0}.
 */
public record Fault(
        String deviceId, String metric, FaultKind kind, long startMs, long endMs, long failureMs) {

    public static final String ANY_METRIC = "*";

    public Fault {
        if (endMs <= startMs) {
            throw new IllegalArgumentException(
                    "fault " + kind + " on " + deviceId + " must end after it starts");
        }
    }

    public boolean activeAt(long timeMs) {
        return timeMs >= startMs && timeMs < endMs;
    }

    public boolean concerns(String metricName) {
        return metric.equals(ANY_METRIC) || metric.equals(metricName);
    }
}
