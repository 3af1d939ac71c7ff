package io.fieldline.api.view;

import io.fieldline.proto.Alert;
import io.fieldline.proto.Severity;
import java.util.List;

/**
 * What the fleet view knows about one device.
 *
 * @param deviceId the device
 * @param lastSeenMs newest event time seen in any record about it, epoch ms
 * @param openAlerts conditions raised and not cleared, one per metric and alert kind
 * @param remainingLife the latest open remaining-life estimate, or null
 */
public record DeviceStatus(
        String deviceId, long lastSeenMs, List<Alert> openAlerts, Alert remainingLife) {

    /** "critical" or "warning" after the worst open alert; "ok" otherwise. */
    public String health() {
        Severity worst = Severity.SEVERITY_UNSPECIFIED;
        for (Alert a : openAlerts) {
            if (a.getSeverityValue() > worst.getNumber()) {
                worst = a.getSeverity();
            }
        }
        return switch (worst) {
            case CRITICAL -> "critical";
            case WARNING -> "warning";
            default -> "ok";
        };
    }
}
