package io.fieldline.api.config;

import java.time.Duration;

/**
 * How much history the materialised views keep. Everything older or beyond the counts is evicted
 * from memory (Kafka still has it until its own retention), so the service stays bounded however
 * long it runs.
 *
 * @param maxAlerts alerts kept for {@code /api/alerts}
 * @param maxDevices devices tracked by the fleet view (least recently seen evicted first)
 * @param maxPointsPerSeries window aggregates kept per device and metric
 * @param maxLedgerPerDevice ledger entries kept per device
 * @param retention age limit, relative to the newest event time seen, for alerts and aggregates
 */
public record ViewLimits(
        int maxAlerts,
        int maxDevices,
        int maxPointsPerSeries,
        int maxLedgerPerDevice,
        Duration retention) {

    public ViewLimits {
        positive("fieldline.api.alerts.max", maxAlerts);
        positive("fieldline.api.devices.max", maxDevices);
        positive("fieldline.api.series.max-points", maxPointsPerSeries);
        positive("fieldline.api.ledger.max-per-device", maxLedgerPerDevice);
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException(
                    "fieldline.api.retention must be a positive duration, was " + retention);
        }
    }

    /** Defaults sized for a demo fleet of a few hundred devices. */
    public static ViewLimits defaults() {
        return new ViewLimits(10_000, 10_000, 1_000, 200, Duration.ofDays(7));
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }
}
