package io.fieldline.gateway.bench;

import io.fieldline.testkit.EmbeddedKafka;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load harness (not a test): 1,000 MQTT devices against the shaded gateway jar in its own JVM
 * (-Xmx64m) and an in-process Kafka broker. Phases: QoS 0 at an offered rate, QoS 1 closed loop (8
 * in flight per device: the sustained rate), then QoS 1 paced at 70 % of that rate for the
 * publish→PUBACK latency (PUBACK is sent after Kafka's ack). Prints one line per phase.
 *
 * <p>Run: see edge-gateway/README.md ("Benchmark").
 */
public final class GatewayLoadBenchmark {
    private static final int DEVICES = Integer.getInteger("devices", 1000);
    private static final int SECONDS = Integer.getInteger("seconds", 20);
    private static final double QOS0_RATE =
            Double.parseDouble(System.getProperty("qos0Rate", "60000"));

    private GatewayLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar =
                Path.of(
                        System.getProperty(
                                "jar", "target/fieldline-edge-gateway-0.1.0-SNAPSHOT-all.jar"));
        Vertx vertx = Vertx.vertx();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createFieldlineTopics(4);
            // The gateway's direct path (PUBACK after Kafka's ack): the outbox, on by default, off.
            try (GatewayProcess gw =
                    new GatewayProcess(
                            jar,
                            kafka.bootstrapServers(),
                            "64m",
                            List.of("--outbox.enabled", "false"))) {
                gw.awaitReady(Duration.ofSeconds(60));
                List<DeviceLoad> devices = connect(vertx, gw.mqttPort);
                System.out.printf(
                        "connected %d devices; gateway RSS %d MiB%n",
                        devices.size(), gw.rssMiB()[0]);
                double qos0 =
                        run(
                                "QoS 0 offered " + (long) QOS0_RATE + "/s",
                                vertx,
                                gw,
                                devices,
                                MqttQoS.AT_MOST_ONCE,
                                QOS0_RATE,
                                null);
                double qos1 =
                        run(
                                "QoS 1 closed loop",
                                vertx,
                                gw,
                                devices,
                                MqttQoS.AT_LEAST_ONCE,
                                0,
                                null);
                Histogram lat = new ConcurrentHistogram(3);
                double paced =
                        Double.parseDouble(System.getProperty("latencyRate", "" + qos1 * 0.7));
                run(
                        "QoS 1 paced " + (long) paced + "/s",
                        vertx,
                        gw,
                        devices,
                        MqttQoS.AT_LEAST_ONCE,
                        paced,
                        lat);
                System.out.printf(
                        "publish->PUBACK latency at %.0f msg/s offered (70%% of sustained QoS 1 unless -DlatencyRate): p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)%n",
                        paced,
                        lat.getValueAtPercentile(50) / 1e6,
                        lat.getValueAtPercentile(99) / 1e6,
                        lat.getMaxValue() / 1e6,
                        lat.getTotalCount());
                long[] rss = gw.rssMiB();
                System.out.printf(
                        "gateway RSS now %d MiB, peak %d MiB; forwarded QoS 0 %.0f/s, QoS 1 %.0f/s%n",
                        rss[0], rss[1], qos0, qos1);
            }
        } finally {
            vertx.close().await();
        }
    }

    static List<DeviceLoad> connect(Vertx vertx, int port) {
        List<DeviceLoad> devices = new ArrayList<>();
        List<Future<?>> connects = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String id = String.format("bench-%04d", i);
            MqttClient c =
                    MqttClient.create(
                            vertx,
                            new MqttClientOptions()
                                    .setClientId(id)
                                    .setMaxInflightQueue(16)
                                    .setKeepAliveInterval(60));
            devices.add(new DeviceLoad(c, id));
            connects.add(c.connect(port, "127.0.0.1"));
            if (connects.size() == 100) {
                Future.all(connects).await();
                connects.clear();
            }
        }
        Future.all(connects).await();
        return devices;
    }

    /**
     * One phase of {@link #SECONDS}. {@code rate} > 0: a 10 ms tick gives every device its share of
     * the offered rate; otherwise each device keeps 8 QoS 1 publishes in flight. Returns the rate
     * at which the gateway forwarded to Kafka (from its own /metrics).
     */
    static double run(
            String name,
            Vertx vertx,
            GatewayProcess gw,
            List<DeviceLoad> devices,
            MqttQoS qos,
            double rate,
            Histogram latency)
            throws Exception {
        double fwd0 = gw.metric("fieldline_gateway_forwarded_total");
        double cpu0 = gw.cpuSeconds();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(SECONDS).toNanos();
        AtomicLong sent = new AtomicLong();
        devices.forEach(d -> d.begin(qos, end, sent, latency, rate <= 0));
        long timer = -1;
        if (rate > 0) {
            double perTickPerDevice = rate / 100.0 / devices.size();
            timer = vertx.setPeriodic(10, id -> devices.forEach(d -> d.tick(perTickPerDevice)));
        } else {
            devices.forEach(d -> d.burst(8));
        }
        Thread.sleep(Duration.ofSeconds(SECONDS).toMillis()); // the harness measures wall time
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        Thread.sleep(2000); // let in-flight publishes drain before reading the counters
        double secs = (System.nanoTime() - start) / 1e9 - 2.0;
        double forwarded = gw.metric("fieldline_gateway_forwarded_total") - fwd0;
        double cpu = gw.cpuSeconds() - cpu0;
        System.out.printf(
                "%-24s sent %,d forwarded %,.0f in %.0f s = %,.0f msg/s; gateway CPU %.1f s = %,.0f msgs per CPU-second (%.2f CPU-s per 100k)%n",
                name,
                sent.get(),
                forwarded,
                secs,
                forwarded / secs,
                cpu,
                forwarded / cpu,
                cpu / forwarded * 1e5);
        return forwarded / secs;
    }
}
