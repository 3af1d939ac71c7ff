package io.fieldline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fieldline.gateway.Gateway;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.jobs.TelemetryAnalyticsJob;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end with real components: Eclipse Paho publishes 1,000 readings from
 * 10 devices (out of order, one above the threshold) to the gateway, which forwards them to an
 * embedded Kafka broker; the analytics job runs on a Flink MiniCluster at parallelism 2; a
 * read_committed consumer checks the exact window aggregates and exactly one alert.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PipelineEndToEndTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a window edge
    private static final long WINDOW_MS = 10_000;
    private static final int DEVICES = 10;
    private static final int PER_DEVICE = 100;
    private static final int FLUSH_PER_DEVICE = 20;
    private static final long STEP_MS = 300; // 100 readings span 30 s: three windows
    private static final double THRESHOLD = 80;
    private static final String HOT_DEVICE = "dev-03";
    private static final int HOT_INDEX = 40;

    @RegisterExtension static final MiniClusterExtension FLINK = PipelineTopics.miniCluster();

    @TempDir Path checkpoints;

    private EmbeddedKafka kafka;
    private Vertx vertx;
    private Gateway gateway;
    private JobClient job;

    record Reading(String device, long ts, long seq, double value) {}

    @AfterEach
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close(Duration.ofSeconds(5)).await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void mqttReadingsBecomeExactWindowAggregatesAndExactlyOneAlert() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createFieldlineTopics(2);
        JobConfig cfg =
                JobConfig.builder()
                        .withBootstrap(kafka.bootstrapServers())
                        .withThreshold("temperature", THRESHOLD)
                        .withTumblingWindow(Duration.ofMillis(WINDOW_MS))
                        .withOutOfOrderness(Duration.ofSeconds(5))
                        .withCheckpointInterval(Duration.ofMillis(500))
                        .withParallelism(2)
                        .withCheckpointDir(checkpoints.toUri().toString())
                        .build();
        job =
                TelemetryAnalyticsJob.start(
                        StreamExecutionEnvironment.getExecutionEnvironment(), cfg);
        vertx = Vertx.vertx();
        gateway =
                Gateway.start(
                                vertx,
                                GatewayConfig.defaults()
                                        .withMqtt("127.0.0.1", 0)
                                        .withKafka(kafka.bootstrapServers())
                                        .withOutboxEnabled(false),
                                ProducerFactory.kafka())
                        .await();

        List<Reading> readings = readings();
        publish(readings);
        // The devices keep their cadence for 6 s more (below the threshold), which moves every
        // device's clock past the three windows without a gap that would read as silence.
        List<Reading> flush = new ArrayList<>();
        for (int i = PER_DEVICE; i < PER_DEVICE + FLUSH_PER_DEVICE; i++) {
            for (int d = 0; d < DEVICES; d++) {
                flush.add(new Reading(device(d), T0 + i * STEP_MS, i + 1, 20));
            }
        }
        publish(flush);
        assertThat(gateway.metrics().forwardedCount())
                .isEqualTo(DEVICES * (PER_DEVICE + FLUSH_PER_DEVICE));

        Map<String, WindowAggregate> expected = expectedAggregates(readings);
        // The tumbling windows of the three published spans; the flush span's window [30, 40)
        // closes later, when the devices have been idle for the job's idleness.
        List<WindowAggregate> actual =
                committed(Topics.WINDOW_AGGREGATES.name(), expected.size(), WindowAggregate.class)
                        .stream()
                        .filter(w -> w.getWindowKind().equals("tumbling"))
                        .filter(w -> w.getWindowStartMs() < T0 + 3 * WINDOW_MS)
                        .toList();
        assertThat(actual).hasSize(expected.size());
        assertThat(actual).allSatisfy(w -> assertThat(w.getRevision()).isEqualTo(1));
        Map<String, WindowAggregate> byKey = new TreeMap<>();
        for (WindowAggregate w : actual) {
            assertThat(byKey.put(key(w.getDeviceId(), w.getWindowStartMs()), w))
                    .as("duplicate aggregate for %s", key(w.getDeviceId(), w.getWindowStartMs()))
                    .isNull();
        }
        assertThat(byKey.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (k, e) -> {
                    WindowAggregate a = byKey.get(k);
                    assertThat(a.getCount()).as(k).isEqualTo(e.getCount());
                    assertThat(a.getMin()).as(k).isEqualTo(e.getMin());
                    assertThat(a.getMax()).as(k).isEqualTo(e.getMax());
                    assertThat(a.getMean()).as(k).isCloseTo(e.getMean(), within(1e-9));
                    assertThat(a.getWindowEndMs()).isEqualTo(a.getWindowStartMs() + WINDOW_MS);
                });

        List<Alert> alerts = committed(Topics.ALERTS.name(), 1, Alert.class);
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.getKind()).isEqualTo(AlertKind.THRESHOLD);
        assertThat(alert.getDeviceId()).isEqualTo(HOT_DEVICE);
        assertThat(alert.getMetric()).isEqualTo("temperature");
        assertThat(alert.getValue()).isEqualTo(95.0);
        assertThat(alert.getEventTimeMs()).isEqualTo(T0 + HOT_INDEX * STEP_MS);
        assertThat(alert.getAlertId()).isNotEmpty();
    }

    private static String device(int d) {
        return String.format("dev-%02d", d);
    }

    /** 100 readings per device; within each block of five the publish order is shuffled. */
    private static List<Reading> readings() {
        Random random = new Random(7);
        List<List<Reading>> perDevice = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            List<Reading> rs = new ArrayList<>();
            for (int i = 0; i < PER_DEVICE; i++) {
                double v = 20 + d + (i % 7) * 0.5;
                if (device(d).equals(HOT_DEVICE) && i == HOT_INDEX) {
                    v = 95.0;
                }
                rs.add(new Reading(device(d), T0 + i * STEP_MS, i + 1, v));
            }
            for (int b = 0; b < PER_DEVICE; b += 5) {
                Collections.shuffle(rs.subList(b, b + 5), random);
            }
            perDevice.add(rs);
        }
        List<Reading> interleaved = new ArrayList<>();
        for (int i = 0; i < PER_DEVICE; i++) {
            for (List<Reading> rs : perDevice) {
                interleaved.add(rs.get(i));
            }
        }
        return interleaved;
    }

    private void publish(List<Reading> readings) throws Exception {
        try (PahoDevices devices = new PahoDevices(gateway.mqttPort())) {
            for (Reading r : readings) {
                devices.publish(r.device(), r.ts(), r.seq(), "temperature", r.value());
            }
        }
    }

    private static String key(String device, long windowStart) {
        return device + "@" + (windowStart - T0);
    }

    private static Map<String, WindowAggregate> expectedAggregates(List<Reading> readings) {
        Map<String, List<Reading>> groups = new TreeMap<>();
        for (Reading r : readings) {
            long start = r.ts() - Math.floorMod(r.ts(), WINDOW_MS);
            groups.computeIfAbsent(key(r.device(), start), k -> new ArrayList<>()).add(r);
        }
        Map<String, WindowAggregate> out = new TreeMap<>();
        groups.forEach(
                (k, rs) -> {
                    double sum = rs.stream().mapToDouble(Reading::value).sum();
                    out.put(
                            k,
                            WindowAggregate.newBuilder()
                                    .setCount(rs.size())
                                    .setMin(
                                            rs.stream()
                                                    .mapToDouble(Reading::value)
                                                    .min()
                                                    .orElseThrow())
                                    .setMax(
                                            rs.stream()
                                                    .mapToDouble(Reading::value)
                                                    .max()
                                                    .orElseThrow())
                                    .setMean(sum / rs.size())
                                    .build());
                });
        assertThat(out).hasSize(DEVICES * 3);
        return out;
    }

    /**
     * Reads committed records until {@code expected} arrived (90 s at most), then reads again for a
     * few more checkpoint intervals so that a duplicate or extra record would be seen too.
     */
    private <T> List<T> committed(String topic, int expected, Class<T> type) throws Exception {
        int first = kafka.consume(topic, expected, Duration.ofSeconds(90), true).size();
        List<ConsumerRecord<String, byte[]>> records =
                kafka.consume(topic, first + 1, Duration.ofSeconds(3), true);
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            out.add(type.cast(Topics.byName(topic).orElseThrow().parse(r.value())));
        }
        return out;
    }
}
