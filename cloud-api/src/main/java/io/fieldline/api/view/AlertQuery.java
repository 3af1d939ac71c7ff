package io.fieldline.api.view;

import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;

/**
 * Filters of {@code GET /api/alerts}; a null field means "any".
 *
 * @param device exact device id
 * @param kind alert kind
 * @param severity exact severity
 * @param sinceMs minimum event time, epoch ms
 * @param limit maximum number of alerts returned, newest first
 */
public record AlertQuery(
        String device, AlertKind kind, Severity severity, Long sinceMs, int limit) {

    public static AlertQuery all(int limit) {
        return new AlertQuery(null, null, null, null, limit);
    }

    boolean matches(Alert a) {
        return (device == null || device.equals(a.getDeviceId()))
                && (kind == null || kind == a.getKind())
                && (severity == null || severity == a.getSeverity())
                && (sinceMs == null || a.getEventTimeMs() >= sinceMs);
    }
}
