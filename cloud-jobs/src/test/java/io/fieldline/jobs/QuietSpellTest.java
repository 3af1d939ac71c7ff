package io.fieldline.jobs;

import static io.fieldline.jobs.KafkaFixture.isolatedConfig;
import static io.fieldline.jobs.KafkaFixture.kafka;
import static io.fieldline.jobs.KafkaFixture.parseLedger;
import static io.fieldline.jobs.KafkaFixture.sendTelemetry;
import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import io.fieldline.proto.Telemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A device going quiet for longer than the idleness timeout (an edge outage, a night without data):
 * its open ledger window is reported early, and the readings that come after the spell correct it
 * (a later revision, counted as late) instead of being judged too late or missing.
 */
@Timeout(180)
@ExtendWith(KafkaFixture.class)
class QuietSpellTest {
    @RegisterExtension static final MiniClusterExtension FLINK = KafkaFixture.miniCluster();

    @Test
    void readingsAfterAQuietSpellAreStillCountedInTheLedger() throws Exception {
        JobConfig cfg =
                isolatedConfig("quiet-spell")
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withOutOfOrderness(Duration.ZERO)
                        .withParallelism(2)
                        .withIdleness(Duration.ofMillis(300))
                        .withLedgerWindow(Duration.ofSeconds(10), Duration.ofMillis(1))
                        .build();
        JobClient job =
                TelemetryAnalyticsJob.start(
                        StreamExecutionEnvironment.getExecutionEnvironment(), cfg);
        try {
            List<Telemetry> before = new ArrayList<>();
            for (int s = 0; s <= 10; s++) {
                before.add(telemetry("quiet-1", s + 1, s, "temperature", 20));
            }
            before.add(telemetry("quiet-1", 12, 15, "temperature", 20));
            sendTelemetry(cfg.telemetryTopic(), before);
            await().atMost(Duration.ofSeconds(60)).until(() -> ledger(cfg).containsKey(at(0)));

            // The quiet spell under test: several idleness timeouts without a reading.
            Thread.sleep(1500);

            List<Telemetry> after = new ArrayList<>();
            for (int s = 16; s <= 24; s++) {
                after.add(telemetry("quiet-1", s - 3, s, "temperature", 20));
            }
            after.add(telemetry("quiet-1", 22, 40, "temperature", 20));
            sendTelemetry(cfg.telemetryTopic(), after);
            await().atMost(Duration.ofSeconds(60)).until(() -> ledger(cfg).containsKey(at(20)));

            Map<Long, LedgerEntry> windows = ledger(cfg);
            assertThat(windows.get(at(0)).getReceived()).isEqualTo(10);
            // [10, 20): seq 11 (10 s), 12 (15 s) before the spell, 13..16 (16..19 s) after it.
            assertThat(windows.get(at(10)).getReceived()).isEqualTo(6);
            assertThat(windows.get(at(10)).getLate()).isEqualTo(4);
            assertThat(windows.get(at(10)).getRevision()).isEqualTo(5);
            assertThat(windows.get(at(20)).getReceived()).isEqualTo(5);
            assertThat(windows.values()).allSatisfy(e -> assertThat(e.getMissing()).isZero());
        } finally {
            job.cancel().get();
        }
    }

    private static LedgerEntry latest(LedgerEntry a, LedgerEntry b) {
        return b.getRevision() >= a.getRevision() ? b : a;
    }

    /** The cloud ledger entries so far, by window start: the highest revision of each. */
    private static Map<Long, LedgerEntry> ledger(JobConfig cfg) {
        Map<Long, LedgerEntry> out = new TreeMap<>();
        kafka.consume(cfg.ledgerTopic(), 100, Duration.ofMillis(500), true).stream()
                .map(r -> parseLedger(r.value()))
                .filter(e -> e.getSource() == LedgerSource.CLOUD)
                .forEach(e -> out.merge(e.getWindowStartMs(), e, QuietSpellTest::latest));
        return out;
    }
}
