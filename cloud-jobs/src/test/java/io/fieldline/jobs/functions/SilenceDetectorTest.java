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
                        new SilenceDetector(5, 3, FORGET_MS, 0),
                        SilenceDetector::gatewayOf,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** Readings every second at wall-clock pace: processing time follows event time. */
    private void live(int fromSec, int toSec) throws Exception {
        for (int i = fromSec; i <= toSec; i++) {
            harness.setProcessingTime(at(i));
            process(reading("p", "t", i, i, 1));
        }
    }

    @Test
    void silenceIsRaisedLiveAfterFiveUsualIntervalsAndClearedWhenDataReturns() throws Exception {
        live(0, 4);
        harness.setProcessingTime(at(8.999));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(at(9));
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

        harness.setProcessingTime(at(20)); // still silent: nothing more
        assertThat(harness.extractOutputValues()).hasSize(1);
        live(21, 21);
        assertThat(harness.extractOutputValues()).hasSize(2);
        AlertEvent clear = harness.extractOutputValues().get(1);
        assertThat(clear.cleared).isTrue();
        assertThat(clear.alertId).isNotEqualTo(harness.extractOutputValues().get(0).alertId);
    }

    @Test
    void aGapSeenOnlyInEventTimeIsReportedWhenTheNextReadingArrives() throws Exception {
        // A backlog replayed in a burst: no processing time passes between its readings.
        for (int i = 0; i <= 4; i++) {
            process(reading("p", "t", i, i, 1));
        }
        process(reading("p", "t", 5, 21, 1));

        assertThat(harness.extractOutputValues())
                .satisfiesExactly(
                        a -> {
                            assertThat(a.cleared).isFalse();
                            assertThat(a.eventTimeMs).isEqualTo(at(9));
                        },
                        a -> assertThat(a.cleared).isTrue());
    }

    @Test
    void theLiveAndTheReplayedDetectionOfOneSilenceHaveOneId() throws Exception {
        live(0, 4);
        harness.setProcessingTime(at(9));
        String liveId = harness.extractOutputValues().get(0).alertId;

        try (var replay =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SilenceDetector(5, 3, FORGET_MS, 0),
                        SilenceDetector::gatewayOf,
                        Types.STRING)) {
            for (int i = 0; i <= 4; i++) {
                replay.processElement(reading("p", "t", i, i, 1), at(i));
            }
            replay.processElement(reading("p", "t", 5, 21, 1), at(21));
            assertThat(replay.extractOutputValues().get(0).alertId).isEqualTo(liveId);
        }
    }

    @Test
    void multipleMeasurementsOfOneMessageDoNotShrinkTheInterval() throws Exception {
        for (int i = 0; i <= 4; i++) {
            harness.setProcessingTime(at(i * 10));
            process(reading("p", "a", i, i * 10, 1));
            process(reading("p", "b", i, i * 10, 1));
        }
        harness.setProcessingTime(at(89));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(at(90));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void aLiveSilenceWaitsAtLeastTheMinimumWhateverTheUsualInterval() throws Exception {
        harness.close();
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SilenceDetector(5, 3, FORGET_MS, 30_000),
                        SilenceDetector::gatewayOf,
                        Types.STRING);
        live(0, 4);
        harness.setProcessingTime(at(33.9)); // 5 usual intervals passed long ago, 30 s not yet
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(at(34));
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(a -> assertThat(a.eventTimeMs).isEqualTo(at(9)));
    }

    @Test
    void aQuietDeviceBesideAnAlreadySilentOneIsItsOwnAlertNotTheGateways() throws Exception {
        gateway(0, 10, "a", "b", "c");
        gateway(11, 30, "a", "b"); // c is silent (alerted at 15 s)
        gateway(31, 40, "a"); // then b goes quiet while a keeps sending
        assertThat(harness.extractOutputValues())
                .extracting(al -> al.deviceId)
                .containsExactly("c", "b");
    }

    @Test
    void oneTimerAtATimeWhateverTheNumberOfReadings() throws Exception {
        live(0, 30);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** Three devices of gateway gw, each every second, from {@code fromSec} to {@code toSec}. */
    private void gateway(int fromSec, int toSec, String... devices) throws Exception {
        for (int i = fromSec; i <= toSec; i++) {
            harness.setProcessingTime(at(i));
            for (String d : devices) {
                Reading r = reading(d, "t", i, i, 1);
                r.gatewayId = "gw";
                process(r);
            }
        }
    }

    @Test
    void aGatewayThatGoesQuietIsOneAlertAndItsBacklogClearsIt() throws Exception {
        gateway(0, 10, "a", "b", "c");
        harness.setProcessingTime(at(60)); // the uplink is down: nothing from any device
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.deviceId).isEqualTo("gw");
                            assertThat(a.kind).isEqualTo(AlertKind.SILENCE);
                            assertThat(a.cleared).isFalse();
                            assertThat(a.evidence).containsEntry("scope", "gateway");
                            assertThat(a.message).contains("3 devices");
                        });
        // The backlog, replayed at once: no gap in any device's data, so no device alert.
        harness.setProcessingTime(at(61));
        for (int i = 11; i <= 60; i++) {
            for (String d : new String[] {"a", "b", "c"}) {
                Reading r = reading(d, "t", i, i, 1);
                r.gatewayId = "gw";
                process(r);
            }
        }
        assertThat(harness.extractOutputValues())
                .extracting(a -> a.deviceId + " cleared=" + a.cleared)
                .containsExactly("gw cleared=false", "gw cleared=true");
    }

    @Test
    void oneDeviceQuietWhileItsGatewaySendsIsThatDevicesAlert() throws Exception {
        gateway(0, 10, "a", "b", "c");
        gateway(11, 30, "a", "b"); // c stops
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.deviceId).isEqualTo("c");
                            assertThat(a.eventTimeMs).isEqualTo(at(15));
                            assertThat(a.evidence).doesNotContainKey("scope");
                        });
    }

    private void process(Reading r) throws Exception {
        harness.processElement(r, r.eventTimeMs);
    }
}
