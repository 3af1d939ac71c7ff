package io.fieldline.gateway.bench;

import io.fieldline.testkit.EmbeddedKafka;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness (not a test): the outbox drain after a Kafka outage. The gateway JVM (outbox on,
 * EVERY_BATCH, default replay bound and live share) takes a paced QoS 1 load; the in-process broker
 * is stopped for {@code outageSeconds} and restarted while the load goes on. Reports the backlog
 * the replay began with, the time from the restart until the backlog was replayed, the mean and
 * peak drain rate, and the live records sent during the replay. Run: see edge-gateway/README.md.
 */
public final class GatewayDrainBenchmark {
    private static final int RUNS = Integer.getInteger("runs", 3);
    private static final int OUTAGE = Integer.getInteger("outageSeconds", 60);
    private static final double RATE = Double.parseDouble(System.getProperty("rate", "2000"));

    private GatewayDrainBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar =
                Path.of(
                        System.getProperty(
                                "jar", "target/fieldline-edge-gateway-0.1.0-SNAPSHOT-all.jar"));
        Vertx vertx = Vertx.vertx();
        List<double[]> runs = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createFieldlineTopics(4);
            for (int run = 1; run <= RUNS; run++) {
                double[] r = once(vertx, jar, kafka);
                runs.add(r);
                System.out.printf(
                        "run %d: offered %,.0f/s, backlog %,.0f records, replayed in %.1f s after the restart = %,.0f records/s (peak 5 s drain rate %,.0f/s), %,.0f live records sent during the replay, outbox under 1 s of load again %.1f s after the restart%n",
                        run, r[0], r[1], r[2], r[1] / r[2], r[3], r[4], r[5]);
            }
        } finally {
            vertx.close().await();
        }
        double[] b = runs.stream().mapToDouble(r -> r[1]).toArray();
        double[] t = runs.stream().mapToDouble(r -> r[2]).toArray();
        double[] rate = runs.stream().mapToDouble(r -> r[1] / r[2]).toArray();
        System.out.printf(
                "%nmedians of %d runs: backlog %,.0f records, replay %.1f s, %,.0f records/s%n",
                RUNS,
                GatewayFsyncBenchmark.med(b),
                GatewayFsyncBenchmark.med(t),
                GatewayFsyncBenchmark.med(rate));
    }

    /**
     * {offered/s, backlog, replay seconds, peak drain rate, live sent, seconds until nothing
     * pending}.
     */
    private static double[] once(Vertx vertx, Path jar, EmbeddedKafka kafka) throws Exception {
        Path dir = Files.createTempDirectory("outbox-drain");
        List<String> args =
                List.of(
                        "--outbox.enabled",
                        "true",
                        "--outbox.dir",
                        dir.resolve("outbox").toString());
        try (GatewayProcess gw = new GatewayProcess(jar, kafka.bootstrapServers(), "128m", args)) {
            gw.awaitReady(Duration.ofSeconds(60));
            List<DeviceLoad> devices = GatewayLoadBenchmark.connect(vertx, gw.mqttPort);
            AtomicLong sent = new AtomicLong();
            long end = System.nanoTime() + Duration.ofSeconds(OUTAGE + 600).toNanos();
            devices.forEach(d -> d.begin(MqttQoS.AT_LEAST_ONCE, end, sent, null, false));
            double perTick = RATE / 100.0 / devices.size();
            long timer = vertx.setPeriodic(10, id -> devices.forEach(d -> d.tick(perTick)));
            long start = System.nanoTime();
            Thread.sleep(5_000); // warm-up with Kafka up; the harness measures wall time
            kafka.stopBroker();
            Thread.sleep(OUTAGE * 1000L);
            kafka.restartBroker();
            long restarted = System.nanoTime();
            double backlog = 0;
            double peak = 0;
            double replayed = Double.NaN;
            while (System.nanoTime() - restarted < Duration.ofSeconds(600).toNanos()) {
                double b = gw.metric("fieldline_gateway_outbox_replay_backlog_records");
                peak = Math.max(peak, gw.metric("fieldline_gateway_outbox_drain_rate"));
                backlog = Math.max(backlog, b);
                if (backlog > 0 && b == 0) {
                    replayed = (System.nanoTime() - restarted) / 1e9;
                    break;
                }
                Thread.sleep(100); // polling the child process
            }
            double offered = sent.get() / ((System.nanoTime() - start) / 1e9);
            double live = gw.metric("fieldline_gateway_outbox_replay_live_sent");
            while (gw.metric("fieldline_gateway_outbox_pending_records") > RATE
                    && System.nanoTime() - restarted < Duration.ofSeconds(600).toNanos()) {
                Thread.sleep(100);
            }
            double settled = (System.nanoTime() - restarted) / 1e9;
            vertx.cancelTimer(timer);
            devices.forEach(DeviceLoad::disconnect);
            return new double[] {offered, backlog, replayed, peak, live, settled};
        } finally {
            GatewayFsyncBenchmark.deleteTree(dir);
        }
    }
}
