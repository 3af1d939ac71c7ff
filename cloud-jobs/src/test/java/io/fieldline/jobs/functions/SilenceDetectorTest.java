package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.proto.AlertKind;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SilenceDetectorTest {
    private static final long FORGET_MS = 3_600_000;

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, AlertEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SilenceDetector(5, 3, FORGET_MS), r -> r.deviceId, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void silenceAfterFiveUsualIntervalsThenClearedWhenDataReturns() throws Exception {
        for (int i = 0; i <= 4; i++) {
            process(reading("p", "t", i, i, 1)); // every second, last at 4 s
        }
        harness.processWatermark(at(8.999));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(at(9));
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.kind).isEqualTo(AlertKind.SILENCE);
                            assertThat(a.cleared).isFalse();
                            assertThat(a.deviceId).isEqualTo("p");
                            assertThat(a.eventTimeMs).isEqualTo(at(9));
                            assertThat(a.message).contains("5000 ms", "1000 ms");
                        });

        harness.processWatermark(at(20));
        process(reading("p", "t", 5, 21, 1));
        assertThat(harness.extractOutputValues()).hasSize(2);
        AlertEvent clear = harness.extractOutputValues().get(1);
        assertThat(clear.cleared).isTrue();
        assertThat(clear.alertId).isNotEqualTo(harness.extractOutputValues().get(0).alertId);
    }

    @Test
    void aGapNoWatermarkFellIntoIsStillReportedWhenTheNextReadingArrives() throws Exception {
        for (int i = 0; i <= 4; i++) {
            process(reading("p", "t", i, i, 1));
        }
        harness.processWatermark(at(4));
        // The watermark jumps from 4 s straight past 21 s: the reading comes first.
        process(reading("p", "t", 5, 21, 1));
        harness.processWatermark(at(21));

        assertThat(harness.extractOutputValues())
                .satisfiesExactly(
                        a -> {
                            assertThat(a.cleared).isFalse();
                            assertThat(a.eventTimeMs).isEqualTo(at(9));
                        },
                        a -> assertThat(a.cleared).isTrue());
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the next deadline only
    }

    @Test
    void aSilentDeviceIsForgottenWithItsTimers() throws Exception {
        for (int i = 0; i <= 4; i++) {
            process(reading("p", "t", i, i, 1));
        }
        harness.processWatermark(at(9));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(at(9) + FORGET_MS);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void multipleMeasurementsOfOneMessageDoNotShrinkTheInterval() throws Exception {
        for (int i = 0; i <= 4; i++) {
            process(reading("p", "a", i, i * 10, 1));
            process(reading("p", "b", i, i * 10, 1));
        }
        harness.processWatermark(at(89));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(at(90));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void endOfInputIsNotSilence() throws Exception {
        for (int i = 0; i <= 4; i++) {
            process(reading("p", "t", i, i, 1));
        }
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private void process(Reading r) throws Exception {
        harness.processElement(r, r.eventTimeMs);
    }
}
