package io.fieldline.simulator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.model.FaultKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {
    static final long T0 = 1_700_000_000_000L;
    static final List<Fault> TRUTH =
            List.of(
                    new Fault("dev-1", "temperature", FaultKind.SPIKE, T0 + 10_000, T0 + 10_100, 0),
                    new Fault("dev-2", "temperature", FaultKind.SPIKE, T0 + 20_000, T0 + 20_100, 0),
                    new Fault("dev-3", "vibration", FaultKind.DRIFT, T0 + 5_000, T0 + 65_000, 0),
                    new Fault("dev-4", "*", FaultKind.DROPOUT, T0 + 30_000, T0 + 40_000, 0),
                    new Fault(
                            "pump-5", "*", FaultKind.DEGRADATION, T0, T0 + 600_000, T0 + 600_000));

    static Alert alert(String id, String device, String metric, AlertKind kind, long t) {
        return Alert.newBuilder()
                .setAlertId(id)
                .setDeviceId(device)
                .setMetric(metric)
                .setKind(kind)
                .setEventTimeMs(t)
                .build();
    }

    static final List<Alert> ALERTS =
            List.of(
                    alert("a1", "dev-1", "temperature", AlertKind.THRESHOLD, T0 + 10_050),
                    alert("a1", "dev-1", "temperature", AlertKind.THRESHOLD, T0 + 10_050),
                    alert("a2", "dev-3", "vibration", AlertKind.ANOMALY, T0 + 25_000),
                    alert("a3", "dev-4", "", AlertKind.SILENCE, T0 + 35_000),
                    alert("a4", "pump-5", "vibration", AlertKind.REMAINING_LIFE, T0 + 480_000),
                    alert("a5", "pump-5", "vibration", AlertKind.REMAINING_LIFE, T0 + 500_000),
                    alert("a6", "dev-9", "temperature", AlertKind.THRESHOLD, T0 + 10_000),
                    alert("a7", "dev-3", "temperature", AlertKind.ANOMALY, T0 + 25_000));

    @Test
    void scoresRecallDelayPrecisionAndLeadTime() {
        VerifyReport r = new Scorer(2_000, 30_000).score(TRUTH, ALERTS, List.of());

        assertThat(r.kinds())
                .extracting(
                        k -> k.kind() + " " + k.detected() + "/" + k.labels() + " " + k.delaysMs())
                .containsExactly(
                        "spike 1/2 [50]",
                        "drift 1/1 [20000]",
                        "dropout 1/1 [5000]",
                        "degradation 1/1 [480000]");
        // a1 counted once; a6 (wrong device) and a7 (wrong metric) are false alarms.
        assertThat(r.alerts()).isEqualTo(7);
        assertThat(r.matchedAlerts()).isEqualTo(5);
        assertThat(r.recall()).isEqualTo(4 / 5.0);
        assertThat(r.leadTimesMs()).containsExactly(120_000L);
    }

    @Test
    void alertsOutsideTheWindowAndClearingRecordsDoNotCount() {
        List<Alert> alerts =
                List.of(
                        alert("late", "dev-1", "temperature", AlertKind.THRESHOLD, T0 + 50_000),
                        alert("early", "dev-2", "temperature", AlertKind.THRESHOLD, T0 + 17_000),
                        alert("x", "dev-4", "", AlertKind.SILENCE, T0 + 36_000).toBuilder()
                                .setCleared(true)
                                .build());
        VerifyReport r = new Scorer(2_000, 30_000).score(TRUTH, alerts, List.of());
        assertThat(r.recall()).isZero();
        assertThat(r.alerts()).isEqualTo(2);
        assertThat(r.precision()).isZero();
    }

    @Test
    void ledgerTotalsKeepTheLatestEntryPerWindow() {
        LedgerEntry first =
                LedgerEntry.newBuilder()
                        .setSource(LedgerSource.CLOUD)
                        .setDeviceId("dev-1")
                        .setWindowStartMs(T0)
                        .setExpected(100)
                        .setMissing(3)
                        .build();
        LedgerEntry update = first.toBuilder().setMissing(0).setDuplicates(2).build();
        LedgerEntry gateway =
                LedgerEntry.newBuilder()
                        .setSource(LedgerSource.GATEWAY)
                        .setDeviceId("dev-1")
                        .setWindowStartMs(T0)
                        .setReceived(102)
                        .setForwarded(100)
                        .putDroppedByReason("RATE_LIMIT", 2)
                        .build();
        LedgerTotals t = LedgerTotals.of(List.of(first, update, gateway));
        assertThat(t).isEqualTo(new LedgerTotals(102, 100, 2, 100, 0, 2, 0, 0));
    }

    @Test
    void aCorrectedCloudEntryReplacesTheOneItRevisesEvenWithTheGatewaysIdJoined() {
        LedgerEntry first =
                LedgerEntry.newBuilder()
                        .setSource(LedgerSource.CLOUD)
                        .setDeviceId("dev-1")
                        .setWindowStartMs(T0)
                        .setExpected(10)
                        .setMissing(4)
                        .setRevision(1)
                        .build();
        LedgerEntry corrected =
                first.toBuilder()
                        .setGatewayId("gw-a")
                        .setMissing(0)
                        .setLate(4)
                        .setRevision(2)
                        .build();
        // Read back out of order: the higher revision wins, not the later record.
        LedgerTotals t = LedgerTotals.of(List.of(corrected, first));
        assertThat(t).isEqualTo(new LedgerTotals(0, 0, 0, 10, 0, 0, 4, 0));
    }
}
