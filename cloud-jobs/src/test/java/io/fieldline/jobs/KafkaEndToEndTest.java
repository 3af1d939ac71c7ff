package io.fieldline.jobs;

import static io.fieldline.jobs.KafkaFixture.kafka;
import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real job (Kafka source, RocksDB state, transactional sinks) on a MiniCluster at parallelism 2
 * against an embedded Kafka broker, reading its outputs back with read_committed consumers.
 */
@Timeout(180)
@ExtendWith(KafkaFixture.class)
class KafkaEndToEndTest {
    /** The bounded job has committed everything when it finishes; this only proves absence. */
    private static final Duration AFTER_FINISH = Duration.ofSeconds(3);

    @RegisterExtension static final MiniClusterExtension FLINK = KafkaFixture.miniCluster();

    @Test
    void outOfOrderTelemetryGivesExactCommittedAggregatesAndOneAlert() throws Exception {
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (Telemetry t : outOfOrderTelemetry()) {
                producer.send(
                        new ProducerRecord<>(
                                Topics.TELEMETRY.name(), t.getDeviceId(), t.toByteArray()));
            }
            producer.send(
                    new ProducerRecord<>(
                            Topics.TELEMETRY.name(), "pump-7", new byte[] {(byte) 0xff, 1}));
            LedgerEntry gatewayReport =
                    LedgerEntry.newBuilder()
                            .setSource(LedgerSource.GATEWAY)
                            .setGatewayId("gw-1")
                            .setDeviceId("pump-1")
                            .setWindowStartMs(TestData.T0)
                            .setWindowEndMs(TestData.T0 + 60_000)
                            .setReceived(8)
                            .setForwarded(6)
                            .setShed(2)
                            .build();
            producer.send(
                    new ProducerRecord<>(
                            Topics.LEDGER.name(), "pump-1", gatewayReport.toByteArray()));
            producer.flush();
        }

        JobConfig cfg =
                JobConfig.builder()
                        .withBootstrap(kafka.bootstrapServers())
                        .withThreshold("temperature", 80)
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withParallelism(2)
                        .withSlidingWindow(Duration.ZERO, Duration.ZERO)
                        .withSessionGap(Duration.ZERO)
                        .withBounded(true)
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TelemetryAnalyticsJob.build(env, cfg);
        env.execute("kafka-e2e");

        List<WindowAggregate> aggregates =
                values(kafka.consume(Topics.WINDOW_AGGREGATES.name(), 5, AFTER_FINISH, true))
                        .stream()
                        .map(KafkaFixture::parseAggregate)
                        .toList();
        assertThat(aggregates)
                .extracting(
                        a ->
                                a.getDeviceId()
                                        + " "
                                        + a.getMetric()
                                        + " "
                                        + (a.getWindowStartMs() - TestData.T0)
                                        + " n="
                                        + a.getCount()
                                        + " min="
                                        + a.getMin()
                                        + " max="
                                        + a.getMax()
                                        + " mean="
                                        + a.getMean()
                                        + " sum="
                                        + a.getSum()
                                        + " sq="
                                        + a.getSumOfSquares()
                                        + " "
                                        + a.getWindowKind())
                .containsExactlyInAnyOrder(
                        "pump-1 temperature 0 n=4 min=70.0 max=90.0 mean=80.0 sum=320.0 sq=25850.0 tumbling",
                        "pump-1 temperature 10000 n=2 min=60.0 max=65.0 mean=62.5 sum=125.0 sq=7825.0 tumbling",
                        "pump-2 humidity 0 n=1 min=40.0 max=40.0 mean=40.0 sum=40.0 sq=1600.0 tumbling",
                        "pump-2 humidity 10000 n=1 min=42.0 max=42.0 mean=42.0 sum=42.0 sq=1764.0 tumbling");

        List<Alert> alerts =
                values(kafka.consume(Topics.ALERTS.name(), 2, AFTER_FINISH, true)).stream()
                        .map(KafkaFixture::parseAlert)
                        .toList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getKind()).isEqualTo(AlertKind.THRESHOLD);
        assertThat(alerts.get(0).getDeviceId()).isEqualTo("pump-1");
        assertThat(alerts.get(0).getEventTimeMs()).isEqualTo(at(2));

        List<String> ledger =
                kafka.consume(Topics.LEDGER.name(), 4, AFTER_FINISH, true).stream()
                        .map(r -> KafkaFixture.parseLedger(r.value()))
                        .filter(e -> e.getSource() == LedgerSource.CLOUD)
                        .map(
                                e ->
                                        e.getDeviceId()
                                                + " received="
                                                + e.getReceived()
                                                + " expected="
                                                + e.getExpected()
                                                + " missing="
                                                + e.getMissing()
                                                + " duplicates="
                                                + e.getDuplicates()
                                                + " shed="
                                                + e.getShed())
                        .toList();
        assertThat(ledger)
                .containsExactlyInAnyOrder(
                        "pump-1 received=6 expected=6 missing=0 duplicates=0 shed=2",
                        "pump-2 received=2 expected=2 missing=0 duplicates=0 shed=0");

        List<ConsumerRecord<String, byte[]>> dead =
                kafka.consume(Topics.DEAD_LETTER.name(), 2, AFTER_FINISH, true);
        assertThat(dead).hasSize(1);
        DeadLetter d = DeadLetter.parseFrom(dead.get(0).value());
        assertThat(d.getDeviceId()).isEqualTo("pump-7");
        assertThat(d.getReasonCode()).isEqualTo("UNDECODABLE");
        assertThat(d.getPayload().toByteArray()).containsExactly((byte) 0xff, 1);
    }

    /**
     * The same scenario as {@link WorkflowMiniClusterTest}, as protobuf, out of order per device.
     */
    static List<Telemetry> outOfOrderTelemetry() {
        return List.of(
                telemetry("pump-1", 3, 4, "temperature", 90),
                telemetry("pump-1", 1, 0, "temperature", 70),
                telemetry("pump-2", 1, 1, "humidity", 40),
                telemetry("pump-1", 2, 2, "temperature", 85),
                telemetry("pump-1", 5, 11, "temperature", 60),
                telemetry("pump-1", 4, 6, "temperature", 75),
                telemetry("pump-2", 2, 12, "humidity", 42),
                telemetry("pump-1", 6, 13, "temperature", 65));
    }

    static List<byte[]> values(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
