package io.fieldline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.Gateway;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.jobs.TelemetryAnalyticsJob;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.simulator.config.FleetOptions;
import io.fieldline.simulator.config.NetworkOptions;
import io.fieldline.simulator.model.AssetType;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.model.FaultKind;
import io.fieldline.testkit.EmbeddedKafka;
import io.fieldline.testkit.KafkaLink;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero loss across an edge outage, end to end with real components: two gateways with their disk
 * outboxes on (default live share), 10 simulated devices each with labelled spikes, embedded Kafka,
 * the job on a MiniCluster at parallelism 2. Gateway A's own network link to Kafka is cut for three
 * minutes while gateway B keeps sending, then restored: A replays its backlog while its devices
 * keep publishing. Then, per device: the highest revision of every tumbling window equals the
 * window computed from the readings the devices sent (count, min and max exactly, sum to 1e-9);
 * every ledger window's highest revision shows nothing missing; nothing is dead-lettered; and every
 * spike injected into A's backlog is alerted, with one alert id.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class OutageReplayEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(OutageReplayEndToEndTest.class);
    private static final List<AssetType> ASSETS =
            List.of(AssetType.PUMP, AssetType.HVAC, AssetType.ENVIRONMENT);
    private static final int DEVICES = 10;
    private static final double RATE = 10; // each device once a second
    private static final Duration BEFORE = Duration.ofSeconds(20);
    private static final Duration OUTAGE = Duration.ofMinutes(3);
    private static final Duration AFTER = Duration.ofSeconds(40);
    private static final long WINDOW_MS = 10_000;

    @RegisterExtension static final MiniClusterExtension FLINK = PipelineTopics.miniCluster();

    @TempDir Path dir;

    private EmbeddedKafka kafka;
    private Vertx vertx;
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<Simulator> simulators = new ArrayList<>();
    private JobClient job;

    @AfterEach
    void stop() throws Exception {
        for (Simulator s : simulators) {
            s.stop().await();
        }
        for (Gateway g : gateways) {
            g.close(Duration.ofSeconds(5)).await();
        }
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aThreeMinuteOutageLosesNothingAndItsBacklogIsEvaluatedAsItHappened() throws Exception {
        kafka = EmbeddedKafka.startWithLinks("gw-a");
        kafka.createFieldlineTopics(2);
        KafkaLink linkA = kafka.link("gw-a");
        JobConfig.Builder cfg =
                JobConfig.builder()
                        .withBootstrap(kafka.bootstrapServers())
                        .withTumblingWindow(Duration.ofMillis(WINDOW_MS))
                        .withSlidingWindow(Duration.ZERO, Duration.ZERO)
                        .withSessionGap(Duration.ZERO)
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withCheckpointDir(dir.resolve("checkpoints").toUri().toString())
                        .withIdleness(Duration.ofSeconds(10))
                        .withLedgerWindow(Duration.ofSeconds(10), Duration.ofSeconds(5))
                        .withParallelism(2);
        SpikeThresholds.of(ASSETS).forEach(cfg::withThreshold);
        job =
                TelemetryAnalyticsJob.start(
                        StreamExecutionEnvironment.getExecutionEnvironment(), cfg.build());
        vertx = Vertx.vertx();
        Gateway a = gateway("gw-a", linkA.bootstrapServers());
        Gateway b = gateway("gw-b", kafka.bootstrapServers());
        Simulator simA = simulator(a, "a-", 21);
        Simulator simB = simulator(b, "b-", 22);
        simA.start().await();
        simB.start().await();
        long start = Math.min(simA.startEpochMs(), simB.startEpochMs());

        waitUntil(start + BEFORE.toMillis());
        linkA.cut();
        long cutAt = System.currentTimeMillis();
        waitUntil(cutAt + 10_000);
        int aInKafkaEarly = countFrom("a-");
        waitUntil(cutAt + OUTAGE.toMillis());
        int aInKafkaLate = countFrom("a-");
        linkA.restore();
        long restoredAt = System.currentTimeMillis();
        // The cut is real: nothing of A's reached Kafka while it lasted.
        assertThat(aInKafkaLate).isEqualTo(aInKafkaEarly);

        waitUntil(restoredAt + AFTER.toMillis());
        for (Simulator s : simulators) {
            s.stop().await();
        }
        simulators.clear();
        long sent = simA.sent() + simB.sent();
        assertThat(simA.acked()).isEqualTo(simA.sent());
        assertThat(simB.acked()).isEqualTo(simB.sent());
        assertThat(simA.errors() + simB.errors()).isZero();

        // Everything acknowledged reaches Kafka once the backlog is replayed.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> distinctTelemetry().size() == sent);
        Map<String, Telemetry> telemetry = distinctTelemetry();
        Map<String, long[]> expectedCounts = new TreeMap<>();
        Map<String, double[]> expected = expectedWindows(telemetry.values(), expectedCounts);

        // The job's windows: every expected window at its highest revision, with every reading.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () ->
                                PipelineTopics.counts(latestWindows())
                                        .equals(flatten(expectedCounts)));
        Map<String, WindowAggregate> windows = latestWindows();
        assertThat(windows.keySet()).isEqualTo(expected.keySet());
        int corrected = 0;
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            WindowAggregate w = windows.get(e.getKey());
            double[] x = e.getValue();
            assertThat(w.getSum())
                    .as(e.getKey())
                    .isCloseTo(
                            x[0],
                            org.assertj.core.data.Offset.offset(
                                    1e-9 * Math.max(1, Math.abs(x[0]))));
            assertThat(w.getMin()).as(e.getKey()).isEqualTo(x[1]);
            assertThat(w.getMax()).as(e.getKey()).isEqualTo(x[2]);
            corrected += w.getRevision() > 1 ? 1 : 0;
        }

        // The ledger: after the replay no window of any device misses a reading.
        Map<String, LedgerEntry> ledger = PipelineTopics.latestCloudLedger(kafka);
        assertThat(ledger).isNotEmpty();
        assertThat(ledger.values()).allSatisfy(l -> assertThat(l.getMissing()).isZero());
        long received = ledger.values().stream().mapToLong(LedgerEntry::getReceived).sum();

        // Nothing was late beyond the bound or refused: no dead letter at all.
        assertThat(deadLetters()).isEmpty();

        // Every spike labelled inside A's outage is alerted, once (one id).
        List<Fault> backlogSpikes =
                simA.groundTruth(restoredAt).stream()
                        .filter(f -> f.kind() == FaultKind.SPIKE)
                        .filter(f -> f.startMs() >= cutAt && f.endMs() < restoredAt)
                        .toList();
        assertThat(backlogSpikes).isNotEmpty();
        List<Alert> alerts = alerts();
        for (Fault f : backlogSpikes) {
            Set<String> ids = new HashSet<>();
            for (Alert al : alerts) {
                if (al.getKind() == AlertKind.THRESHOLD
                        && !al.getCleared()
                        && al.getDeviceId().equals(f.deviceId())
                        && f.concerns(al.getMetric())
                        && al.getEventTimeMs() >= f.startMs()
                        && al.getEventTimeMs() <= f.endMs()) {
                    ids.add(al.getAlertId());
                }
            }
            assertThat(ids).as("alerts for %s", f).hasSize(1);
        }
        // The outage is one gateway-level alert, not one per device: of the SILENCE alerts about
        // gateway A or its devices raised while the link was cut, only gateway A's; and none about
        // one of A's devices for a time inside the outage (its backlog filled every gap).
        assertThat(alerts)
                .filteredOn(al -> al.getKind() == AlertKind.SILENCE && !al.getCleared())
                .filteredOn(
                        al ->
                                al.getDetectionTimeMs() >= cutAt
                                        && al.getDetectionTimeMs() < restoredAt)
                .filteredOn(
                        al -> al.getDeviceId().equals("gw-a") || al.getDeviceId().startsWith("a-"))
                .extracting(Alert::getDeviceId)
                .containsOnly("gw-a")
                .isNotEmpty();
        assertThat(alerts)
                .filteredOn(al -> al.getKind() == AlertKind.SILENCE && !al.getCleared())
                .filteredOn(al -> al.getDeviceId().startsWith("a-"))
                .filteredOn(al -> al.getEventTimeMs() >= cutAt && al.getEventTimeMs() < restoredAt)
                .isEmpty();
        LOG.info(
                "outage test: sent {} readings, {} windows ({} corrected), ledger received {},"
                        + " {} spikes in the backlog alerted once each",
                sent,
                windows.size(),
                corrected,
                received,
                backlogSpikes.size());
    }

    private Gateway gateway(String id, String bootstrap) {
        GatewayConfig config =
                GatewayConfig.parse(
                        new String[] {
                            "--gateway-id", id,
                            "--mqtt.host", "127.0.0.1",
                            "--mqtt.port", "0",
                            "--mqtt.max-inflight-per-connection", "1000",
                            "--kafka.bootstrap", bootstrap,
                            "--http.host", "127.0.0.1",
                            "--http.port", "0",
                            "--outbox.dir", dir.resolve("outbox-" + id).toString()
                        },
                        Map.of());
        Gateway g = Gateway.start(vertx, config, ProducerFactory.kafka()).await();
        gateways.add(g);
        return g;
    }

    private Simulator simulator(Gateway g, String prefix, long seed) {
        Duration run = BEFORE.plus(OUTAGE).plus(AFTER);
        SimulatorConfig c =
                new SimulatorConfig(
                        "127.0.0.1",
                        g.mqttPort(),
                        DEVICES,
                        RATE,
                        seed,
                        1,
                        Duration.ofSeconds(15),
                        prefix,
                        new FleetOptions(
                                ASSETS, Duration.ofDays(1), List.of(FaultKind.SPIKE), 0.6, run),
                        NetworkOptions.defaults());
        Simulator s = new Simulator(vertx, c);
        simulators.add(s);
        return s;
    }

    private static void waitUntil(long epochMs) {
        await().atMost(Duration.ofMillis(Math.max(0, epochMs - System.currentTimeMillis()) + 5_000))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> System.currentTimeMillis() >= epochMs);
    }

    private int countFrom(String prefix) throws Exception {
        return (int)
                distinctTelemetry().keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    /** Every telemetry message in Kafka, once, by device|seq. */
    private Map<String, Telemetry> distinctTelemetry() throws Exception {
        Map<String, Telemetry> out = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r :
                kafka.consume(Topics.TELEMETRY.name(), 1_000_000, Duration.ofSeconds(3), false)) {
            Telemetry t = Telemetry.parseFrom(r.value());
            out.putIfAbsent(t.getDeviceId() + "|" + t.getSeq(), t);
        }
        return out;
    }

    /** Sum, min, max per device|metric|window start, from the readings the devices sent. */
    private static Map<String, double[]> expectedWindows(
            Iterable<Telemetry> telemetry, Map<String, long[]> counts) {
        Map<String, double[]> out = new TreeMap<>();
        for (Telemetry t : telemetry) {
            long start = t.getEventTimeMs() - Math.floorMod(t.getEventTimeMs(), WINDOW_MS);
            for (Measurement m : t.getMeasurementsList()) {
                String key = t.getDeviceId() + "|" + m.getMetric() + "|" + start;
                double[] s =
                        out.computeIfAbsent(
                                key, k -> new double[] {0, Double.MAX_VALUE, -Double.MAX_VALUE});
                s[0] += m.getValue();
                s[1] = Math.min(s[1], m.getValue());
                s[2] = Math.max(s[2], m.getValue());
                counts.computeIfAbsent(key, k -> new long[1])[0]++;
            }
        }
        return out;
    }

    private Map<String, WindowAggregate> latestWindows() throws Exception {
        return PipelineTopics.latestTumbling(kafka);
    }

    private List<DeadLetter> deadLetters() throws Exception {
        List<DeadLetter> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r :
                kafka.consume(Topics.DEAD_LETTER.name(), 1_000_000, Duration.ofSeconds(2), false)) {
            out.add(DeadLetter.parseFrom(r.value()));
        }
        return out;
    }

    private List<Alert> alerts() throws Exception {
        List<Alert> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r :
                kafka.consume(Topics.ALERTS.name(), 1_000_000, Duration.ofSeconds(3), false)) {
            out.add(Alert.parseFrom(r.value()));
        }
        return out;
    }

    private static Map<String, Long> flatten(Map<String, long[]> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, c[0]));
        return out;
    }
}
