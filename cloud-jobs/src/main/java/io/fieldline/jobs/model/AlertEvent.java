package io.fieldline.jobs.model;

import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An alert inside the job; becomes a protobuf {@code Alert} at the sink. {@link #idFor} derives the
 * deterministic id from what triggered it, so a replay after a failure yields the same id.
 */
public class AlertEvent {
    public String alertId;
    public String deviceId;
    public String metric;
    public AlertKind kind;
    public Severity severity;
    public long eventTimeMs;
    public long detectionTimeMs;
    public double score;
    public String message;
    public double value;
    public String ruleId;
    public boolean cleared;
    public Map<String, String> evidence = new HashMap<>();

    /** When the triggering reading reached the gateway (or source), for latency measurement. */
    public long readingReceiveTimeMs;

    public AlertEvent() {}

    /** Same device, metric, kind, event time and rule → same id (a name-based UUID). */
    public static String idFor(
            String deviceId, String metric, AlertKind kind, long eventTimeMs, String ruleId) {
        String name = deviceId + '|' + metric + '|' + kind + '|' + eventTimeMs + '|' + ruleId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static AlertEvent create(
            String deviceId,
            String metric,
            AlertKind kind,
            Severity severity,
            long eventTimeMs,
            String ruleId) {
        AlertEvent a = new AlertEvent();
        a.deviceId = deviceId;
        a.metric = metric;
        a.kind = kind;
        a.severity = severity;
        a.eventTimeMs = eventTimeMs;
        a.ruleId = ruleId;
        a.alertId = idFor(deviceId, metric, kind, eventTimeMs, ruleId);
        a.detectionTimeMs = System.currentTimeMillis();
        return a;
    }

    @Override
    public String toString() {
        return kind
                + (cleared ? " cleared " : " ")
                + deviceId
                + "/"
                + metric
                + "@"
                + eventTimeMs
                + " ["
                + alertId
                + "] "
                + message;
    }
}
