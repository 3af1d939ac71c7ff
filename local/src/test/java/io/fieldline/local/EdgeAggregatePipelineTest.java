package io.fieldline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.Gateway;
import io.fieldline.gateway.config.ConfigLoader;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.jobs.TelemetryAnalyticsJob;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway in {@code mode: aggregate} for vibration sends only edge aggregates, each after its 5 s
 * edge window has closed on the gateway's clock — so after the job's devices have moved on. The
 * job's 10 s tumbling windows, from those aggregates alone, must equal the windows computed from
 * the readings published over MQTT (the highest revision of each window; values are multiples of
 * 1/4, so sums are exact in any order).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EdgeAggregatePipelineTest {
    private static final long WINDOW_MS = 10_000;
    private static final int DEVICES = 4;
    private static final int PER_DEVICE = 100;
    private static final long STEP_MS = 250; // 25 s of event time: three cloud windows

    @RegisterExtension static final MiniClusterExtension FLINK = PipelineTopics.miniCluster();

    @TempDir Path dir;

    private EmbeddedKafka kafka;
    private Vertx vertx;
    private Gateway gateway;
    private JobClient job;

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
    void edgeAggregatesAloneGiveExactCloudWindows() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createFieldlineTopics(2);
        JobConfig cfg =
                JobConfig.builder()
                        .withBootstrap(kafka.bootstrapServers())
                        .withTumblingWindow(Duration.ofMillis(WINDOW_MS))
                        .withSlidingWindow(Duration.ZERO, Duration.ZERO)
                        .withSessionGap(Duration.ZERO)
                        .withCheckpointInterval(Duration.ofMillis(500))
                        .withParallelism(2)
                        .withCheckpointDir(dir.resolve("checkpoints").toUri().toString())
                        .withIdleness(Duration.ofSeconds(3))
                        .build();
        job =
                TelemetryAnalyticsJob.start(
                        StreamExecutionEnvironment.getExecutionEnvironment(), cfg);
        vertx = Vertx.vertx();
        gateway =
                Gateway.start(
                                vertx,
                                ConfigLoader.load(gatewayYaml(), Map.of()),
                                ProducerFactory.kafka())
                        .await();

        // Event times from the next cloud window edge on: the gateway closes edge windows by its
        // own clock, so they must be current (a little ahead is within its clock-skew bound).
        long t0 = (System.currentTimeMillis() / WINDOW_MS + 1) * WINDOW_MS;
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, double[]> stats = new TreeMap<>(); // sum, min, max
        publish(t0, counts, stats);

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> PipelineTopics.counts(latest()).equals(countsOnly(counts)));
        Map<String, WindowAggregate> got = latest();
        assertThat(got.keySet()).isEqualTo(counts.keySet());
        stats.forEach(
                (k, s) -> {
                    WindowAggregate w = got.get(k);
                    assertThat(w.getSum()).as(k).isEqualTo(s[0]);
                    assertThat(w.getMin()).as(k).isEqualTo(s[1]);
                    assertThat(w.getMax()).as(k).isEqualTo(s[2]);
                    assertThat(w.getRevision()).as(k).isGreaterThanOrEqualTo(1);
                });
        // Aggregate mode forwards no raw reading.
        assertThat(kafka.consume(Topics.TELEMETRY.name(), 1, Duration.ofSeconds(1), true))
                .isEmpty();
    }

    private Path gatewayYaml() throws Exception {
        Path yaml = dir.resolve("gateway.yaml");
        Files.writeString(
                yaml,
                String.join(
                        "\n",
                        "gateway-id: gw-edge",
                        "mqtt: {host: 127.0.0.1, port: 0}",
                        "kafka: {bootstrap: '" + kafka.bootstrapServers() + "'}",
                        "http: {enabled: false}",
                        "outbox: {enabled: false}",
                        "aggregation: {window-ms: 5000, allowed-lateness-ms: 500}",
                        "filters:",
                        "  - metric: vibration",
                        "    mode: aggregate",
                        ""));
        return yaml;
    }

    private void publish(long t0, Map<String, long[]> counts, Map<String, double[]> stats)
            throws Exception {
        try (PahoDevices devices = new PahoDevices(gateway.mqttPort())) {
            for (int i = 0; i < PER_DEVICE; i++) {
                for (int d = 0; d < DEVICES; d++) {
                    String device = "edge-" + d;
                    long ts = t0 + i * STEP_MS;
                    double v = d + (i % 13) * 0.25;
                    String key = device + "|vibration|" + (ts - Math.floorMod(ts, WINDOW_MS));
                    counts.computeIfAbsent(key, k -> new long[1])[0]++;
                    double[] s =
                            stats.computeIfAbsent(
                                    key,
                                    k -> new double[] {0, Double.MAX_VALUE, -Double.MAX_VALUE});
                    s[0] += v;
                    s[1] = Math.min(s[1], v);
                    s[2] = Math.max(s[2], v);
                    devices.publish(device, ts, i + 1, "vibration", v);
                }
            }
        }
    }

    private Map<String, WindowAggregate> latest() throws Exception {
        return PipelineTopics.latestTumbling(kafka);
    }

    private static Map<String, Long> countsOnly(Map<String, long[]> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, c[0]));
        return out;
    }
}
