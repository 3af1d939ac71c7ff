package io.fieldline.api.model;

import io.fieldline.proto.Alert;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.TreeMap;

/** An {@code Alert} as the API returns it. */
@Serdeable
public record AlertJson(
        String alertId,
        String deviceId,
        String metric,
        String kind,
        String severity,
        long eventTimeMs,
        long detectionTimeMs,
        double score,
        String message,
        Map<String, String> evidence,
        double value,
        String ruleId,
        boolean cleared) {

    public static AlertJson of(Alert a) {
        return new AlertJson(
                a.getAlertId(),
                a.getDeviceId(),
                a.getMetric(),
                a.getKind().name(),
                a.getSeverity().name(),
                a.getEventTimeMs(),
                a.getDetectionTimeMs(),
                a.getScore(),
                a.getMessage(),
                new TreeMap<>(a.getEvidenceMap()),
                a.getValue(),
                a.getRuleId(),
                a.getCleared());
    }
}
