package io.fieldline.jobs;

import static io.fieldline.jobs.KafkaFixture.isolatedConfig;
import static io.fieldline.jobs.KafkaFixture.kafka;
import static io.fieldline.jobs.KafkaFixture.parseAlert;
import static io.fieldline.jobs.KafkaFixture.send;
import static io.fieldline.jobs.KafkaFixture.sendTelemetry;
import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Rule;
import io.fieldline.proto.RuleKind;
import io.fieldline.proto.Telemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A rule published to the rules topic changes the alerts of a job that is already running. */
@Timeout(180)
@ExtendWith(KafkaFixture.class)
class RuleChangeTest {
    @RegisterExtension static final MiniClusterExtension FLINK = KafkaFixture.miniCluster();

    @Test
    void ruleChangeOnTheRulesTopicChangesTheAlertsOfARunningJob() throws Exception {
        JobConfig cfg =
                isolatedConfig("rule-change")
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withOutOfOrderness(Duration.ZERO)
                        .withParallelism(2)
                        .withIdleness(Duration.ofMillis(300))
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobClient job = TelemetryAnalyticsJob.start(env, cfg);
        try {
            // Before any rule: pressure 60 raises nothing. Wait until the window over these
            // readings is committed: by then the rule operator has evaluated them too.
            List<Telemetry> before = new ArrayList<>();
            for (int s = 0; s < 10; s++) {
                before.add(telemetry("pump-9", s, s, "pressure", 60));
            }
            before.add(telemetry("pump-9", 20, 20, "pressure", 10));
            sendTelemetry(cfg.telemetryTopic(), before);
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    !kafka.consume(
                                                    cfg.windowAggregatesTopic(),
                                                    1,
                                                    Duration.ofMillis(500),
                                                    true)
                                            .isEmpty());

            Rule rule =
                    Rule.newBuilder()
                            .setRuleId("pressure-high")
                            .setDeviceGlob("pump-*")
                            .setMetricGlob("pressure")
                            .setKind(RuleKind.RULE_THRESHOLD)
                            .setUpper(50)
                            .setEnabled(true)
                            .build();
            send(cfg.rulesTopic(), "pressure-high", rule.toByteArray());
            // The rule reaches the rule operator on its own input, some time after it is
            // published; readings already past it are not judged again. So the device keeps
            // sending episodes above 50 (one every 10 s of event time) until one is alerted.
            List<Alert> alerts = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            for (int episode = 0; alerts.isEmpty() && System.nanoTime() < deadline; episode++) {
                long t = 21 + 10L * episode;
                sendTelemetry(
                        cfg.telemetryTopic(),
                        List.of(
                                telemetry("pump-9", t, t, "pressure", 60),
                                telemetry("pump-9", t + 5, t + 5, "pressure", 10)));
                alerts.clear();
                kafka.consume(cfg.alertsTopic(), 10, Duration.ofSeconds(1), true).stream()
                        .map(r -> parseAlert(r.value()))
                        .filter(a -> a.getKind() == AlertKind.THRESHOLD)
                        .forEach(alerts::add);
            }
            // Alerts only from the rule, and only for readings after it: the pressure of 60
            // before the rule (0..9 s) raised nothing.
            assertThat(alerts).isNotEmpty();
            assertThat(alerts)
                    .allSatisfy(
                            a -> {
                                assertThat(a.getRuleId()).isEqualTo("pressure-high");
                                assertThat(a.getDeviceId()).isEqualTo("pump-9");
                                assertThat(a.getEventTimeMs()).isGreaterThanOrEqualTo(at(21));
                                assertThat(a.getValue()).isEqualTo(60);
                            });
        } finally {
            job.cancel().get();
        }
    }
}
