package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.RuleRecord;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.RuleKind;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private KeyedBroadcastOperatorTestHarness<String, Reading, RuleRecord, AlertEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        RuleRecord fromConfig =
                RuleRecord.threshold("config:threshold:temperature", "*", "temperature", 80);
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RuleEngine(List.of(fromConfig)),
                        Reading::deviceMetric,
                        Types.STRING,
                        RuleEngine.RULES);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void alertMessagesShowValuesAsOperatorsReadThem() {
        assertThat(RuleEvaluator.num(86.10000000000001)).isEqualTo("86.1");
        assertThat(RuleEvaluator.num(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(RuleEvaluator.num(81.0)).isEqualTo("81.0");
        assertThat(RuleEvaluator.num(-3.25e-7)).isEqualTo("-0.000000325");
    }

    @Test
    void staticThresholdAlertsOncePerEpisodeAndKeepsNoStateOutsideOne() throws Exception {
        process(reading("p", "temperature", 1, 0, 79));
        assertThat(keyedStateEntries()).isZero();
        process(reading("p", "temperature", 2, 1, 81));
        process(reading("p", "temperature", 3, 2, 95));
        assertThat(keyedStateEntries()).isEqualTo(1);
        process(reading("p", "temperature", 4, 3, 80));
        assertThat(keyedStateEntries()).isZero();
        process(reading("p", "temperature", 5, 4, 82));

        List<AlertEvent> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(a -> a.eventTimeMs).containsExactly(at(1), at(4));
        assertThat(alerts.get(0).kind).isEqualTo(AlertKind.THRESHOLD);
        assertThat(alerts.get(0).ruleId).isEqualTo("config:threshold:temperature");
        assertThat(alerts.get(0).score).isEqualTo(1.0);
        assertThat(alerts.get(0).message)
                .isEqualTo("temperature of p is 81.0, above the threshold 80.0");
        assertThat(alerts.get(0).alertId)
                .isEqualTo(
                        AlertEvent.idFor(
                                "p",
                                "temperature",
                                AlertKind.THRESHOLD,
                                at(1),
                                "config:threshold:temperature"));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void broadcastRulesApplyByGlobChangeAndDisappearWithoutRestart() throws Exception {
        process(reading("pump-1", "pressure", 1, 0, 7));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processBroadcastElement(RuleRecord.threshold("r1", "pump-*", "press?re", 5), 0);
        process(reading("pump-1", "pressure", 2, 1, 7));
        process(reading("valve-1", "pressure", 1, 1, 7)); // device does not match
        assertThat(harness.extractOutputValues())
                .extracting(a -> a.deviceId + " " + a.ruleId)
                .containsExactly("pump-1 r1");

        harness.processBroadcastElement(RuleRecord.threshold("r1", "pump-*", "pressure", 10), 0);
        process(reading("pump-1", "pressure", 3, 2, 7));
        process(reading("pump-1", "pressure", 4, 3, 11));
        assertThat(harness.extractOutputValues())
                .extracting(a -> a.eventTimeMs)
                .containsExactly(at(1), at(3));
        assertThat(keyedStateEntries()).isEqualTo(1);

        harness.processBroadcastElement(RuleRecord.tombstone("r1"), 0);
        process(reading("pump-1", "pressure", 5, 4, 1000));
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void patternRuleNeedsNOfTheLastMReadingsAboveWithinT() throws Exception {
        RuleRecord pattern = new RuleRecord();
        pattern.ruleId = "vib-pattern";
        pattern.metricGlob = "vibration";
        pattern.kind = RuleKind.RULE_PATTERN;
        pattern.upper = 10.0;
        pattern.patternN = 3;
        pattern.patternM = 5;
        pattern.patternWithinMs = 10_000;
        harness.processBroadcastElement(pattern, 0);

        double[] values = {11, 1, 12, 1, 1, 1, 13, 14, 1, 15, 16};
        double[] seconds = {0, 1, 2, 3, 4, 30, 31, 32, 33, 34, 35};
        for (int i = 0; i < values.length; i++) {
            process(reading("p", "vibration", i, seconds[i], values[i]));
        }

        // 11, 12 fall out of the last five before a third arrives; 13, 14 and 15 make three,
        // and the episode stays open through 16.
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.eventTimeMs).isEqualTo(at(34));
                            assertThat(a.message).contains("3 of the last 5 readings above 10.0");
                        });
    }

    @Test
    void detectorRuleRunsTheAnalyticsDetectorInState() throws Exception {
        RuleRecord stuck = new RuleRecord();
        stuck.ruleId = "stuck-flow";
        stuck.metricGlob = "flow";
        stuck.kind = RuleKind.RULE_DETECTOR;
        stuck.detector = "stuck";
        stuck.params = new java.util.HashMap<>(Map.of("minRun", 3.0));
        harness.processBroadcastElement(stuck, 0);

        double[] values = {1, 2, 3, 4, 5, 5, 5, 5, 5, 5};
        for (int i = 0; i < values.length; i++) {
            process(reading("p", "flow", i, i, values[i]));
        }

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.kind).isEqualTo(AlertKind.ANOMALY);
                            assertThat(a.eventTimeMs).isEqualTo(at(7));
                            assertThat(a.evidence).containsEntry("detector", "stuck");
                        });
        assertThat(keyedStateEntries()).isEqualTo(1);
    }

    @Test
    void invalidRulesAreIgnored() throws Exception {
        RuleRecord bad = new RuleRecord();
        bad.ruleId = "bad";
        bad.kind = RuleKind.RULE_DETECTOR;
        bad.detector = "crystalBall";
        harness.processBroadcastElement(bad, 0);

        process(reading("p", "flow", 1, 0, 1));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(keyedStateEntries()).isZero();
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private void process(Reading r) throws Exception {
        harness.processElement(r, r.eventTimeMs);
    }
}
