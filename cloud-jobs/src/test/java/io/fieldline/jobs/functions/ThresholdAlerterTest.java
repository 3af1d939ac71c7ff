package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.proto.AlertKind;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThresholdAlerterTest {
    private KeyedOneInputStreamOperatorTestHarness<String, Reading, AlertEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ThresholdAlerter(Map.of("temperature", 80.0)),
                        Reading::deviceMetric,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void oneAlertPerEpisodeAndStateClearedWhenTheEpisodeEnds() throws Exception {
        process(reading("p", "temperature", 1, 0, 79));
        process(reading("p", "temperature", 2, 1, 81));
        process(reading("p", "temperature", 3, 2, 95));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        process(reading("p", "temperature", 4, 3, 80));
        assertThat(harness.numKeyedStateEntries()).isZero();
        process(reading("p", "temperature", 5, 4, 82));

        assertThat(harness.extractOutputValues())
                .extracting(a -> a.eventTimeMs)
                .containsExactly(at(1), at(4));
        AlertEvent first = harness.extractOutputValues().get(0);
        assertThat(first.kind).isEqualTo(AlertKind.THRESHOLD);
        assertThat(first.score).isEqualTo(1.0);
        assertThat(first.alertId)
                .isEqualTo(
                        AlertEvent.idFor(
                                "p", "temperature", AlertKind.THRESHOLD, at(1), first.ruleId));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void metricsWithoutThresholdNeverAlertNorKeepState() throws Exception {
        process(reading("p", "humidity", 1, 0, 1e9));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private void process(Reading r) throws Exception {
        harness.processElement(r, r.eventTimeMs);
    }
}
