package io.fieldline.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.simulator.config.FleetOptions;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import io.fieldline.simulator.load.AckingMqttServer.Received;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.model.FaultKind;
import io.fieldline.simulator.sparkplug.SparkplugBProto.Payload;
import io.fieldline.simulator.sparkplug.SparkplugBProto.Payload.Metric;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sparkplug B from the simulator, as a real MQTT server receives it: each session opens with NBIRTH
 * (seq 0) and DBIRTH naming the metrics, DDATA follows by alias with seq +1 mod 256, reconnects
 * start a new session, and the ground truth names devices as the gateway will.
 */
@Timeout(60)
class SparkplugPublishTest {
    private final Vertx vertx = Vertx.vertx();
    private final AckingMqttServer sink = AckingMqttServer.start(vertx, true);

    @AfterEach
    void close() {
        sink.close();
        vertx.close().await();
    }

    private Simulator simulator(int devices, double rate, NetBuilder net) {
        net.payload = PayloadFormat.SPARKPLUG;
        FleetOptions fleet =
                new FleetOptions(
                        List.of(),
                        Duration.ofDays(1),
                        List.of(FaultKind.SPIKE),
                        1.0,
                        Duration.ofSeconds(20));
        return new Simulator(
                vertx,
                SimulatorConfig.defaults("127.0.0.1", sink.port())
                        .with(devices, rate, 5)
                        .with(fleet, net.build()));
    }

    private long births(Simulator sim, int devices) {
        long n = 0;
        for (int d = 0; d < devices; d++) {
            n +=
                    sink.from(sim.config().deviceId(d)).stream()
                            .filter(r -> r.topic().contains("/NBIRTH/"))
                            .count();
        }
        return n;
    }

    private void runUntil(Simulator sim, Callable<Boolean> done) {
        sim.start().await();
        await().atMost(Duration.ofSeconds(20)).until(done);
        sim.stop().await();
        assertThat(sim.acked() + sim.errors()).isEqualTo(sim.sent());
        // A publish in flight when a random disconnect hits fails (an error) and may be lost.
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.received() >= sim.acked());
        assertThat(sink.received()).isBetween(sim.acked(), sim.sent());
    }

    /**
     * Checks one client's publishes; returns {sessions, seq wraps, DDATA count, skipped seqs}. Seqs
     * may skip only if {@code gapsAllowed} (publishes that failed at a disconnect).
     */
    private static long[] checkSessions(List<Received> msgs, boolean gapsAllowed) throws Exception {
        long sessions = 0;
        long gaps = 0;
        long wraps = 0;
        long data = 0;
        long expected = -1;
        Map<Long, String> aliases = new HashMap<>();
        List<String> names = List.of();
        String device = msgs.get(0).clientId();
        String prefix = "spBv1.0/fieldline/";
        for (int i = 0; i < msgs.size(); i++) {
            Received r = msgs.get(i);
            Payload p = Payload.parseFrom(r.payload());
            if (r.topic().equals(prefix + "NBIRTH/" + device)) {
                sessions++;
                assertThat(p.getSeq()).as("NBIRTH seq").isZero();
                assertThat(msgs.get(i + 1).topic())
                        .isEqualTo(prefix + "DBIRTH/" + device + "/asset");
                expected = 1;
                continue;
            }
            assertThat(expected).as("%s published before its NBIRTH", r.topic()).isNotNegative();
            if (gapsAllowed) {
                long skipped = Math.floorMod(p.getSeq() - expected, 256);
                gaps += skipped;
                expected = (expected + skipped) % 256;
            }
            assertThat(p.getSeq()).as("seq of %s message %d", device, i).isEqualTo(expected);
            wraps += expected == 0 ? 1 : 0;
            expected = (expected + 1) % 256;
            assertThat(p.getTimestamp()).isPositive();
            if (r.topic().endsWith("DBIRTH/" + device + "/asset")) {
                aliases.clear();
                p.getMetricsList().forEach(m -> aliases.put(m.getAlias(), m.getName()));
                names = p.getMetricsList().stream().map(Metric::getName).toList();
                assertThat(p.getMetricsList())
                        .allMatch(m -> m.getIsNull() && m.getDatatype() == 10);
                continue;
            }
            assertThat(r.topic()).isEqualTo(prefix + "DDATA/" + device + "/asset");
            data++;
            assertThat(p.getMetricsList()).allMatch(m -> !m.hasName() && m.hasDoubleValue());
            assertThat(p.getMetricsList().stream().map(m -> aliases.get(m.getAlias())).toList())
                    .isEqualTo(names);
        }
        return new long[] {sessions, wraps, data, gaps};
    }

    @Test
    void sessionsBirthThenSendDataWhoseSeqWrapsAfter255() throws Exception {
        Simulator sim = simulator(4, 800, new NetBuilder());
        runUntil(sim, () -> sink.received() >= 4 * 300);

        long data = 0;
        for (int d = 0; d < 4; d++) {
            long[] s = checkSessions(sink.from(sim.config().deviceId(d)), false);
            assertThat(s[0]).as("sessions").isEqualTo(1);
            assertThat(s[1]).as("seq wraps in %s", Arrays.toString(s)).isGreaterThanOrEqualTo(1);
            data += s[2];
        }
        assertThat(sim.sent()).isEqualTo(data + 4 * 2); // NBIRTH + DBIRTH per device
        assertThat(sim.errors()).isZero();
        assertThat(sim.pipelineDeviceId("dev-0002")).isEqualTo("fieldline.dev-0002.asset");
        List<Fault> truth = sim.groundTruth(sim.startEpochMs() + 60_000);
        assertThat(truth).isNotEmpty();
        assertThat(truth).allMatch(f -> f.deviceId().matches("fieldline\\.dev-000[0-3]\\.asset"));
    }

    @Test
    void everyReconnectOverMqtt5StartsANewSessionWithBirths() throws Exception {
        NetBuilder net = new NetBuilder();
        net.mqttVersion = 5;
        net.disconnectsPerHour = 1800;
        Simulator sim = simulator(5, 250, net);
        // Wait for the births too: a reconnect is counted before its NBIRTH reaches the broker.
        runUntil(sim, () -> sim.stats().snapshot().reconnects() >= 3 && births(sim, 5) >= 5 + 3);

        long sessions = 0;
        long gaps = 0;
        for (int d = 0; d < 5; d++) {
            long[] s = checkSessions(sink.from(sim.config().deviceId(d)), true);
            sessions += s[0];
            gaps += s[3];
        }
        assertThat(sessions).isGreaterThanOrEqualTo(5 + 3);
        assertThat(gaps).isLessThanOrEqualTo(sim.errors());
        assertThat(sink.protocolVersions).containsOnly(5);
        assertThat(sink.contentTypes).containsExactly("application/x-protobuf");
    }
}
