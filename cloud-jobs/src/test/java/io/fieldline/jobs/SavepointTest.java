package io.fieldline.jobs;

import static io.fieldline.jobs.KafkaFixture.isolatedConfig;
import static io.fieldline.jobs.KafkaFixture.kafka;
import static io.fieldline.jobs.KafkaFixture.parseAlert;
import static io.fieldline.jobs.KafkaFixture.sendTelemetry;
import static io.fieldline.jobs.TestData.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.serde.TelemetryDeserializer;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with a savepoint in the middle of an alert episode (readings still buffered by the sorter),
 * restart from it: the alerts equal those of an uninterrupted run.
 */
@Timeout(180)
@ExtendWith(KafkaFixture.class)
class SavepointTest {
    @RegisterExtension static final MiniClusterExtension FLINK = KafkaFixture.miniCluster();

    @Test
    void restartFromASavepointGivesTheAlertsOfAnUninterruptedRun(@TempDir Path savepoints)
            throws Exception {
        JobConfig cfg =
                isolatedConfig("savepoint")
                        .withThreshold("temperature", 80)
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withOutOfOrderness(Duration.ofSeconds(1))
                        .withParallelism(2)
                        .withIdleness(Duration.ofMillis(300))
                        .build();
        List<Telemetry> all = readings();
        // First, while the MiniCluster's slots are free: the reference run.
        List<String> expected = uninterruptedAlertIds(cfg, all);
        assertThat(expected).hasSize(4);

        JobClient first =
                TelemetryAnalyticsJob.start(
                        StreamExecutionEnvironment.getExecutionEnvironment(), cfg);
        sendTelemetry(cfg.telemetryTopic(), all.subList(0, 18)); // up to 17 s, mid-episode
        await().atMost(Duration.ofSeconds(60)).until(() -> thresholdAlertIds(cfg, 2).size() >= 2);
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        JobClient second =
                TelemetryAnalyticsJob.start(
                        StreamExecutionEnvironment.getExecutionEnvironment(restore), cfg);
        try {
            List<Telemetry> rest = new ArrayList<>(all.subList(18, all.size()));
            rest.add(telemetry("clock-1", 1, 60, "tick", 0));
            sendTelemetry(cfg.telemetryTopic(), rest);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> thresholdAlertIds(cfg, 4).size() >= 4);
            assertThat(thresholdAlertIds(cfg, 5)).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            second.cancel().get();
        }
    }

    /** pump-s every second for 40 s; temperature above 80 from 5-9, 15-19, 25-29, 35-39 s. */
    static List<Telemetry> readings() {
        List<Telemetry> list = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            list.add(telemetry("pump-s", s, s, "temperature", (s / 5) % 2 == 1 ? 90 : 70));
        }
        return list;
    }

    private static List<String> uninterruptedAlertIds(JobConfig cfg, List<Telemetry> all)
            throws Exception {
        List<Inbound> inbound = new ArrayList<>();
        for (Telemetry t : all) {
            for (var m : t.getMeasurementsList()) {
                inbound.add(Inbound.of(TelemetryDeserializer.toReading(t, m)));
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CloseableIterator<AlertEvent> alerts =
                TelemetryAnalyticsJob.defineWorkflow(env.fromData(inbound), cfg)
                        .alerts()
                        .collectAsync();
        env.execute("uninterrupted");
        return WorkflowMiniClusterTest.drain(alerts).stream()
                .filter(a -> a.kind == AlertKind.THRESHOLD)
                .map(a -> a.alertId)
                .toList();
    }

    private static List<String> thresholdAlertIds(JobConfig cfg, int atLeast) {
        return kafka.consume(cfg.alertsTopic(), atLeast, Duration.ofSeconds(1), true).stream()
                .map(r -> parseAlert(r.value()))
                .filter(a -> a.getKind() == AlertKind.THRESHOLD)
                .map(a -> a.getAlertId())
                .toList();
    }
}
