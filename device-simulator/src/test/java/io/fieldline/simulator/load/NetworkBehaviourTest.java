package io.fieldline.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.proto.Telemetry;
import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.simulator.config.FleetOptions;
import io.fieldline.simulator.config.NetworkOptions;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Duplicates, reordering, disconnects, MQTT 5 and protobuf, observed by a real MQTT server. */
@Timeout(60)
class NetworkBehaviourTest {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private final Vertx vertx = Vertx.vertx();
    private final AckingMqttServer sink = AckingMqttServer.start(vertx, true);

    @AfterEach
    void close() {
        sink.close();
        vertx.close().await();
    }

    private SimulatorConfig config(int devices, double rate, NetworkOptions net) {
        return SimulatorConfig.defaults("127.0.0.1", sink.port())
                .with(devices, rate, 3)
                .with(FleetOptions.defaults(), net);
    }

    private static NetworkOptions net(
            double dup, double reorder, double disconnectsPerHour, int version, PayloadFormat p) {
        NetworkOptions d = NetworkOptions.defaults();
        return new NetworkOptions(
                d.rampUp(),
                d.connectConcurrency(),
                disconnectsPerHour,
                Duration.ofMillis(200),
                dup,
                reorder,
                0,
                d.lateBy(),
                d.clockSkew(),
                version,
                p,
                List.of(),
                d.maxInflight());
    }

    private void runUntil(Simulator sim, java.util.concurrent.Callable<Boolean> done) {
        sim.start().await();
        await().atMost(Duration.ofSeconds(20)).until(done);
        sim.stop().await();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.received() == sim.sent());
    }

    private List<Long> seqs(String device) {
        List<Long> out = new ArrayList<>();
        for (byte[] p : sink.byTopic.get("fieldline/" + device + "/telemetry")) {
            Matcher m = SEQ.matcher(new String(p, StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    @Test
    void duplicatesAndSwapsAreCountedAndNothingIsLost() {
        Simulator sim =
                new Simulator(vertx, config(20, 1000, net(0.05, 0.05, 0, 3, PayloadFormat.JSON)));
        runUntil(sim, () -> sim.sent() >= 3000);

        long repeats = 0;
        long inversions = 0;
        for (int d = 0; d < 20; d++) {
            List<Long> s = seqs(sim.config().deviceId(d));
            assertThat(s.stream().distinct().sorted().toList())
                    .as("gap-free sequence of device %d", d)
                    .isEqualTo(
                            java.util.stream.LongStream.rangeClosed(
                                            1, s.stream().mapToLong(x -> x).max().orElseThrow())
                                    .boxed()
                                    .toList());
            repeats += s.size() - s.stream().distinct().count();
            for (int i = 1; i < s.size(); i++) {
                inversions += s.get(i) < s.get(i - 1) ? 1 : 0;
            }
        }
        RunStats.Snapshot c = sim.stats().snapshot();
        assertThat(c.duplicates()).isPositive().isEqualTo(repeats);
        assertThat(inversions).isPositive().isLessThanOrEqualTo(c.reordered());
        assertThat(c.errors()).isZero();
    }

    @Test
    void disconnectedDevicesReconnectAndTakeNoSequenceNumbersWhileOffline() {
        Simulator sim =
                new Simulator(vertx, config(10, 200, net(0, 0, 1800, 3, PayloadFormat.JSON)));
        runUntil(sim, () -> sim.stats().snapshot().reconnects() >= 3);

        RunStats.Snapshot c = sim.stats().snapshot();
        assertThat(c.disconnects()).isGreaterThanOrEqualTo(3);
        assertThat(c.skipped()).isPositive();
        for (int d = 0; d < 10; d++) {
            List<Long> s = seqs(sim.config().deviceId(d));
            assertThat(s)
                    .isEqualTo(
                            java.util.stream.LongStream.rangeClosed(1, s.size()).boxed().toList());
        }
    }

    @Test
    void mqtt5ProtobufPublishesCarryTheirContentType() throws Exception {
        Simulator sim =
                new Simulator(vertx, config(5, 100, net(0, 0, 0, 5, PayloadFormat.PROTOBUF)));
        runUntil(sim, () -> sim.acked() >= 100);

        assertThat(sink.protocolVersions).hasSize(5).containsOnly(5);
        assertThat(sink.contentTypes).containsExactly("application/x-protobuf");
        List<byte[]> first = sink.byTopic.get("fieldline/dev-0000/telemetry");
        Telemetry t = Telemetry.parseFrom(first.get(0));
        assertThat(t.getDeviceId()).isEqualTo("dev-0000");
        assertThat(t.getSeq()).isEqualTo(1);
        assertThat(t.getMeasurementsCount()).isGreaterThanOrEqualTo(3);
    }
}
