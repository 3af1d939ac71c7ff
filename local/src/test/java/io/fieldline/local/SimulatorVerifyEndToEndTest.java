package io.fieldline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.Gateway;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.jobs.TelemetryAnalyticsJob;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.simulator.config.FleetOptions;
import io.fieldline.simulator.config.NetworkOptions;
import io.fieldline.simulator.model.AssetType;
import io.fieldline.simulator.model.FaultKind;
import io.fieldline.simulator.model.GroundTruth;
import io.fieldline.simulator.verify.KindScore;
import io.fieldline.simulator.verify.LedgerTotals;
import io.fieldline.simulator.verify.Scorer;
import io.fieldline.simulator.verify.TopicReader;
import io.fieldline.simulator.verify.VerifyReport;
import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The simulator's verify mode against the real pipeline: a seeded fleet of 20 devices with labelled
 * faults publishes over MQTT (QoS 1) to the gateway, which forwards to embedded Kafka; the
 * analytics job runs on a MiniCluster at parallelism 2; then the scorer reads the alerts and the
 * loss ledger and must find every injected fault, and every reading the simulator sent must have
 * been received, forwarded, stored once in Kafka and counted by the job.
 *
 * <p>The fault plan is limited to what the job detects within a 24 s run: spikes (per-metric
 * thresholds, {@link SpikeThresholds}, plus the simulator's recurring temperature spike), dropouts
 * (SILENCE) and stuck values (the {@code stuck} detector). Level shift, drift and noise bursts need
 * a statistical detector with a warm-up of minutes, and degradation a health metric the simulated
 * assets do not report. The job's ledger closes a window only once the device's clock has passed
 * it, so the last seconds after the labelled run are checked up to Kafka, not up to the job.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SimulatorVerifyEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerifyEndToEndTest.class);
    private static final List<AssetType> ASSETS =
            List.of(AssetType.PUMP, AssetType.HVAC, AssetType.ENVIRONMENT);
    private static final List<FaultKind> KINDS =
            List.of(FaultKind.SPIKE, FaultKind.DROPOUT, FaultKind.STUCK);
    private static final int DEVICES = 20;
    private static final double RATE = 200; // each device every 100 ms
    private static final long SEED = 11;
    private static final Duration RUN = Duration.ofSeconds(24);
    private static final Duration TAIL = Duration.ofSeconds(12);

    @RegisterExtension static final MiniClusterExtension FLINK = PipelineTopics.miniCluster();

    @TempDir Path dir;

    private EmbeddedKafka kafka;
    private Vertx vertx;
    private Gateway gateway;
    private Simulator simulator;
    private JobClient job;
    private boolean stopped;

    @AfterEach
    void stop() throws Exception {
        if (simulator != null && !stopped) {
            simulator.stop().await();
        }
        if (gateway != null && !stopped) {
            gateway.close(Duration.ofSeconds(5)).await();
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
    void verifyFindsEveryInjectedFaultAndNoLossEndToEnd() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createFieldlineTopics(2);
        JobConfig cfg = jobConfig();
        job =
                TelemetryAnalyticsJob.start(
                        StreamExecutionEnvironment.getExecutionEnvironment(), cfg);
        vertx = Vertx.vertx();
        gateway = Gateway.start(vertx, gatewayConfig(), ProducerFactory.kafka()).await();
        simulator =
                new Simulator(
                        vertx,
                        SimulatorConfig.defaults("127.0.0.1", gateway.mqttPort())
                                .with(DEVICES, RATE, SEED)
                                .with(
                                        new FleetOptions(
                                                ASSETS, Duration.ofDays(1), KINDS, 0.6, RUN),
                                        NetworkOptions.defaults()));
        simulator.start().await();
        long start = simulator.startEpochMs();
        // Faults are placed within RUN; the fleet goes on for TAIL so that each device's clock
        // passes the last label and closes the ledger windows up to RUN while readings still flow.
        await().atMost(RUN.plus(TAIL).plusSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> System.currentTimeMillis() >= start + RUN.plus(TAIL).toMillis());
        simulator.stop().await();
        long sent = simulator.sent();
        assertThat(simulator.acked()).isEqualTo(sent);
        assertThat(simulator.errors()).isZero();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(gateway.metrics().forwardedCount()).isEqualTo(sent));
        gateway.close(Duration.ofSeconds(5)).await();
        stopped = true;

        Path truthFile = dir.resolve("truth.csv");
        GroundTruth.write(truthFile, simulator.groundTruth(start + RUN.toMillis()));
        TopicReader.Contents got =
                new TopicReader(kafka.bootstrapServers())
                        .read(Duration.ofSeconds(3), Duration.ofSeconds(30));
        VerifyReport report =
                new Scorer(1_000, 2_000)
                        .score(GroundTruth.read(truthFile), got.alerts(), got.ledger());
        LedgerReconciliation job = LedgerReconciliation.of(telemetry(sent), got.ledger());
        LOG.info("sent {} readings; {}\n{}\n{}", sent, job, report.text(), report.json());

        assertEveryFaultFound(report);
        assertNothingLostOrRepeated(sent, start + RUN.toMillis(), report.ledger(), job);
    }

    private static void assertEveryFaultFound(VerifyReport report) {
        assertThat(report.kinds())
                .extracting(KindScore::kind)
                .containsExactlyInAnyOrder("spike", "dropout", "stuck");
        for (KindScore k : report.kinds()) {
            assertThat(k.labels()).as(k.kind()).isPositive();
            assertThat(k.detected()).as(k.kind() + " found").isEqualTo(k.labels());
            assertThat(k.maxDelayMs()).as(k.kind() + " delay").isLessThan(3_000);
        }
        assertThat(report.recall()).isEqualTo(1.0);
        // 1.0 on an idle machine. Under heavy CPU contention (load average 25 on 2 cores, other
        // builds running) runs gave 0.58 and 0.78: the extra alerts were SILENCE in the first
        // seconds, most likely readings that reached the job later than its out-of-orderness.
        assertThat(report.precision()).isGreaterThanOrEqualTo(0.5);
    }

    private static void assertNothingLostOrRepeated(
            long sent, long runEndMs, LedgerTotals ledger, LedgerReconciliation job) {
        // Sent = received = forwarded = in Kafka, once each ...
        assertThat(ledger.gatewayReceived()).isEqualTo(sent);
        assertThat(ledger.gatewayForwarded()).isEqualTo(sent);
        assertThat(ledger.gatewayDropped()).isZero();
        assertThat(job.inKafka()).isEqualTo(sent);
        assertThat(job.distinctInKafka()).isEqualTo(sent);
        // ... and the job counted every one of them in each window it closed, which covers the
        // whole labelled run, with no sequence gap or repeat.
        assertThat(job.earliestCoverageEndMs()).isGreaterThanOrEqualTo(runEndMs);
        assertThat(job.countedByJob()).isEqualTo(job.inClosedWindows());
        assertThat(ledger.cloudExpected()).isEqualTo(job.inClosedWindows());
        assertThat(ledger.cloudMissing()).isZero();
        assertThat(ledger.cloudDuplicates()).isZero();
    }

    private List<Telemetry> telemetry(long sent) throws Exception {
        List<Telemetry> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r :
                kafka.consume(
                        Topics.TELEMETRY.name(), (int) sent + 1, Duration.ofSeconds(5), false)) {
            out.add(Telemetry.parseFrom(r.value()));
        }
        return out;
    }

    /**
     * The gateway as an operator would start it, on loopback, with two settings changed. Its ledger
     * timer runs every aggregation window / 4: an 8 s window makes it report every 2 s, on
     * wall-clock intervals that do not line up with the job's 5 s event-time ledger windows (the
     * job must not count that as loss). And the in-flight cap is raised so that slow Kafka
     * acknowledgements while Flink starts on a 2-core machine do not make the gateway drop
     * connections: the simulator does not resend what was in flight, which the ledger would rightly
     * report as loss.
     */
    private GatewayConfig gatewayConfig() {
        return GatewayConfig.parse(
                new String[] {
                    "--mqtt.host", "127.0.0.1",
                    "--mqtt.port", "0",
                    "--mqtt.max-inflight-per-connection", "1000",
                    "--kafka.bootstrap", kafka.bootstrapServers(),
                    "--http.host", "127.0.0.1",
                    "--http.port", "0",
                    "--aggregation.window-ms", "8000",
                    "--outbox.enabled", "false"
                },
                Map.of());
    }

    private JobConfig jobConfig() {
        JobConfig.Builder cfg =
                JobConfig.builder()
                        .withBootstrap(kafka.bootstrapServers())
                        .withOutOfOrderness(Duration.ofSeconds(5))
                        .withSlidingWindow(Duration.ZERO, Duration.ZERO)
                        .withSessionGap(Duration.ZERO)
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withParallelism(2)
                        // 20 repeats of one value; humidity repeats by chance 28 % of the time, so
                        // the score (run share × how often the series changes) is capped near 0.7.
                        .withDetector(
                                "stuck",
                                "*",
                                Map.of("minRun", 20.0, "threshold", 0.65, "clear", 0.3));
        SpikeThresholds.of(ASSETS).forEach(cfg::withThreshold);
        return cfg.withCheckpointDir(dir.resolve("checkpoints").toUri().toString())
                .withLedgerWindow(Duration.ofSeconds(5), Duration.ofSeconds(2))
                .build();
    }
}
