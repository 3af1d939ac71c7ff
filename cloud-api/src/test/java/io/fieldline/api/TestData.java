package io.fieldline.api;

import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import io.fieldline.proto.Severity;
import io.fieldline.proto.WindowAggregate;
import java.time.Instant;

/** Builders for deterministic test records around a fixed instant. */
public final class TestData {
    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    public static final long T0_MS = T0.toEpochMilli();

    private TestData() {}

    public static Alert alert(
            String id, String device, AlertKind kind, Severity severity, long eventMs) {
        return Alert.newBuilder()
                .setAlertId(id)
                .setDeviceId(device)
                .setMetric("temperature")
                .setKind(kind)
                .setSeverity(severity)
                .setEventTimeMs(eventMs)
                .setDetectionTimeMs(eventMs + 100)
                .setScore(0.9)
                .setValue(91.5)
                .setMessage(kind + " on " + device + " (" + id + ")")
                .putEvidence("limit", "90")
                .build();
    }

    public static Alert cleared(Alert open, String id, long eventMs) {
        return open.toBuilder().setAlertId(id).setEventTimeMs(eventMs).setCleared(true).build();
    }

    public static WindowAggregate aggregate(
            String device, String metric, long startMs, double mean) {
        return WindowAggregate.newBuilder()
                .setDeviceId(device)
                .setMetric(metric)
                .setWindowStartMs(startMs)
                .setWindowEndMs(startMs + 10_000)
                .setCount(10)
                .setMin(mean - 1)
                .setMax(mean + 1)
                .setMean(mean)
                .setSum(mean * 10)
                .setWindowKind("tumbling")
                .build();
    }

    public static LedgerEntry ledger(String device, long startMs, long received, long missing) {
        return LedgerEntry.newBuilder()
                .setSource(LedgerSource.CLOUD)
                .setGatewayId("gw-1")
                .setDeviceId(device)
                .setWindowStartMs(startMs)
                .setWindowEndMs(startMs + 60_000)
                .setReceived(received)
                .setForwarded(received)
                .setExpected(received + missing)
                .setMissing(missing)
                .putDroppedByReason("NON_FINITE_VALUE", 1)
                .build();
    }
}
