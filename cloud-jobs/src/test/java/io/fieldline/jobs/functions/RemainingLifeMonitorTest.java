package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemainingLifeMonitorTest {
    private static final long HOUR = 3_600_000;

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, AlertEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new RemainingLifeMonitor(5, 0, HOUR), r -> r.deviceId, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void alertsBelowTheHorizonThenOnlyPerSeverityStepThenClearsAfterMaintenance() throws Exception {
        // Health falls by one per minute from 100: about (100 - t) minutes are left at minute t.
        for (int minute = 0; minute < 96; minute++) {
            process(reading("pump", "health", minute, minute * 60, 100 - minute));
        }
        for (int minute = 96; minute < 106; minute++) {
            process(reading("pump", "health", minute, minute * 60, 100)); // repaired
        }

        List<AlertEvent> alerts = harness.extractOutputValues();
        assertThat(alerts)
                .extracting(a -> a.eventTimeMs + " " + a.severity + " cleared=" + a.cleared)
                .containsExactly(
                        at(41 * 60) + " WARNING cleared=false",
                        at(71 * 60) + " WARNING cleared=false",
                        at(86 * 60) + " CRITICAL cleared=false",
                        alerts.get(3).eventTimeMs + " INFO cleared=true");
        assertThat(alerts.get(0).kind).isEqualTo(AlertKind.REMAINING_LIFE);
        assertThat(alerts.get(0).value)
                .isCloseTo(59 * 60_000, org.assertj.core.data.Offset.offset(1.0));
        assertThat(alerts.get(0).message)
                .isEqualTo(
                        "pump: about 1.0 h left before health reaches 0.0 (range 1.0 h to 1.0 h)");
        assertThat(alerts.get(2).severity).isEqualTo(Severity.CRITICAL);
        assertThat(alerts.get(3).eventTimeMs).isGreaterThan(at(96 * 60));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void stepsHalveTheHorizon() {
        RemainingLifeMonitor m = new RemainingLifeMonitor(5, 0, HOUR);
        assertThat(m.step(HOUR)).isZero();
        assertThat(m.step(HOUR - 1)).isEqualTo(1);
        assertThat(m.step(HOUR / 2 - 1)).isEqualTo(2);
        assertThat(m.step(HOUR / 4 - 1)).isEqualTo(3);
        assertThat(m.step(0)).isEqualTo(3);
    }

    private void process(Reading r) throws Exception {
        harness.processElement(r, r.eventTimeMs);
    }
}
