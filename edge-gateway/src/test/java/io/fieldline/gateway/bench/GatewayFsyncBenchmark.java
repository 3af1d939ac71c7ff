package io.fieldline.gateway.bench;

import io.fieldline.testkit.EmbeddedKafka;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load harness (not a test): QoS 1 sustained throughput (closed loop) and publish→PUBACK latency
 * (paced) of the whole gateway JVM with the outbox off (baseline: PUBACK after Kafka's ack) and on
 * with each fsync policy (PUBACK when durable in the outbox), interleaved round by round in one
 * session so that machine noise hits every configuration alike. Prints each run, then medians and
 * ratios against the baseline. Run: see edge-gateway/README.md ("Benchmark").
 */
public final class GatewayFsyncBenchmark {
    private static final int RUNS = Integer.getInteger("runs", 3);
    private static final double PACED = Double.parseDouble(System.getProperty("pacedRate", "5000"));

    private record Result(double perSecond, double drainedPerSecond, double p50Ms, double p99Ms) {}

    private GatewayFsyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar =
                Path.of(
                        System.getProperty(
                                "jar", "target/fieldline-edge-gateway-0.1.0-SNAPSHOT-all.jar"));
        Map<String, List<String>> configs = new LinkedHashMap<>();
        configs.put("baseline (outbox off)", List.of());
        for (String policy : List.of("every-batch", "interval", "none")) {
            List<String> a =
                    new ArrayList<>(List.of("--outbox.enabled", "true", "--outbox.fsync", policy));
            // e.g. -DoutboxArgs="--outbox.max-replay-per-second 0" (the default bound is 20,000/s)
            String extra = System.getProperty("outboxArgs", "").trim();
            if (!extra.isEmpty()) {
                a.addAll(List.of(extra.split("\\s+")));
            }
            configs.put(policy, a);
        }
        Map<String, List<Result>> results = new LinkedHashMap<>();
        Vertx vertx = Vertx.vertx();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createFieldlineTopics(4);
            for (int run = 1; run <= RUNS; run++) {
                for (var c : configs.entrySet()) {
                    Result r = measure(vertx, jar, kafka.bootstrapServers(), c.getValue());
                    results.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(r);
                    System.out.printf(
                            "run %d %-22s closed loop %,8.0f msg/s (Kafka-acked %,8.0f/s); at %,.0f/s p50 %6.2f ms p99 %7.2f ms%n",
                            run,
                            c.getKey(),
                            r.perSecond(),
                            r.drainedPerSecond(),
                            PACED,
                            r.p50Ms(),
                            r.p99Ms());
                }
            }
        } finally {
            vertx.close().await();
        }
        summarize(results);
    }

    private static Result measure(Vertx vertx, Path jar, String bootstrap, List<String> outbox)
            throws Exception {
        Path dir = Files.createTempDirectory("outbox-bench");
        List<String> args = new ArrayList<>(outbox);
        if (outbox.isEmpty()) {
            // The baseline: the outbox is on by default, so turn it off explicitly.
            args.addAll(List.of("--outbox.enabled", "false"));
        } else {
            args.addAll(List.of("--outbox.dir", dir.resolve("outbox").toString()));
        }
        try (GatewayProcess gw = new GatewayProcess(jar, bootstrap, "128m", args)) {
            gw.awaitReady(Duration.ofSeconds(60));
            List<DeviceLoad> devices = GatewayLoadBenchmark.connect(vertx, gw.mqttPort);
            double drained0 = outbox.isEmpty() ? 0 : gw.metric("fieldline_gateway_outbox_drained");
            long t0 = System.nanoTime();
            double closed =
                    GatewayLoadBenchmark.run(
                            "QoS 1 closed loop",
                            vertx,
                            gw,
                            devices,
                            MqttQoS.AT_LEAST_ONCE,
                            0,
                            null);
            double drained =
                    outbox.isEmpty()
                            ? closed
                            : (gw.metric("fieldline_gateway_outbox_drained") - drained0)
                                    / ((System.nanoTime() - t0) / 1e9);
            awaitDrained(gw, outbox.isEmpty());
            Histogram lat = new ConcurrentHistogram(3);
            GatewayLoadBenchmark.run(
                    "QoS 1 paced " + (long) PACED + "/s",
                    vertx,
                    gw,
                    devices,
                    MqttQoS.AT_LEAST_ONCE,
                    PACED,
                    lat);
            devices.forEach(DeviceLoad::disconnect);
            return new Result(
                    closed,
                    drained,
                    lat.getValueAtPercentile(50) / 1e6,
                    lat.getValueAtPercentile(99) / 1e6);
        } finally {
            deleteTree(dir);
        }
    }

    /** Lets the drainer catch up so that the paced phase does not compete with a backlog. */
    private static void awaitDrained(GatewayProcess gw, boolean baseline) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!baseline
                && gw.metric("fieldline_gateway_outbox_pending_records") > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling the child process, not waiting for a test result
        }
    }

    private static void summarize(Map<String, List<Result>> results) {
        Result base = median(results.values().iterator().next());
        System.out.printf("%nmedians of %d runs (ratio vs baseline)%n", RUNS);
        for (var e : results.entrySet()) {
            Result m = median(e.getValue());
            System.out.printf(
                    "%-22s closed loop %,8.0f msg/s (%.2fx), Kafka-acked %,8.0f/s; p50 %6.2f ms (%.2fx), p99 %7.2f ms (%.2fx)%n",
                    e.getKey(),
                    m.perSecond(),
                    m.perSecond() / base.perSecond(),
                    m.drainedPerSecond(),
                    m.p50Ms(),
                    m.p50Ms() / base.p50Ms(),
                    m.p99Ms(),
                    m.p99Ms() / base.p99Ms());
        }
    }

    private static Result median(List<Result> rs) {
        return new Result(
                med(rs.stream().mapToDouble(Result::perSecond).toArray()),
                med(rs.stream().mapToDouble(Result::drainedPerSecond).toArray()),
                med(rs.stream().mapToDouble(Result::p50Ms).toArray()),
                med(rs.stream().mapToDouble(Result::p99Ms).toArray()));
    }

    static double med(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
