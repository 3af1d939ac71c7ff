package io.fieldline.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.simulator.config.FleetOptions;
import io.fieldline.simulator.load.AckingMqttServer.Received;
import io.fieldline.simulator.net.NetworkChaos;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Late publishes, clock skew, QoS 0 and MQTT 5, checked on what a real MQTT server receives: the
 * event time ({@code ts}) against the arrival time, the QoS of each publish, and sequence numbers.
 */
@Timeout(60)
class TimingAndQosTest {
    private static final Pattern TS_SEQ = Pattern.compile("\"ts\":(\\d+),\"seq\":(\\d+)");
    private static final long SEED = 21;
    private final Vertx vertx = Vertx.vertx();
    private final AckingMqttServer sink = AckingMqttServer.start(vertx, true);

    /** One JSON publish: event time, seq, arrival time, QoS. */
    private record Seen(long ts, long seq, long atMs, int qos) {}

    @AfterEach
    void close() {
        sink.close();
        vertx.close().await();
    }

    private Simulator run(
            int devices, double rate, int qos, NetBuilder net, Callable<Boolean> until)
            throws Exception {
        Simulator sim =
                new Simulator(
                        vertx,
                        SimulatorConfig.defaults("127.0.0.1", sink.port())
                                .with(devices, rate, SEED)
                                .withQos(qos)
                                .with(FleetOptions.defaults(), net.build()));
        sim.start().await();
        await().atMost(Duration.ofSeconds(20)).until(until);
        sim.stop().await();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.received() >= sim.sent());
        assertThat(sink.received()).isEqualTo(sim.sent());
        assertThat(sim.errors()).isZero();
        return sim;
    }

    private List<Seen> seen(Simulator sim, int device) {
        List<Seen> out = new ArrayList<>();
        for (Received r : sink.from(sim.config().deviceId(device))) {
            Matcher m = TS_SEQ.matcher(new String(r.payload(), StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            out.add(
                    new Seen(
                            Long.parseLong(m.group(1)),
                            Long.parseLong(m.group(2)),
                            r.atMs(),
                            r.qos()));
        }
        return out;
    }

    private static List<Long> seqs(List<Seen> s) {
        return s.stream().map(Seen::seq).toList();
    }

    private static List<Long> oneTo(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void latePublishesKeepTheirEventTimeAndArriveLateByLater() throws Exception {
        NetBuilder net = new NetBuilder();
        net.late = 0.2;
        net.lateBy = Duration.ofSeconds(1);
        Simulator sim = run(10, 100, 1, net, () -> sink.received() >= 400);

        long late = 0;
        long all = 0;
        for (int d = 0; d < 10; d++) {
            List<Seen> s = seen(sim, d);
            List<Seen> bySeq = s.stream().sorted(Comparator.comparingLong(Seen::seq)).toList();
            for (int i = 1; i < bySeq.size(); i++) {
                assertThat(bySeq.get(i).ts())
                        .as("event time in seq order")
                        .isGreaterThan(bySeq.get(i - 1).ts());
            }
            for (Seen x : s) {
                long lag = x.atMs() - x.ts();
                if (lag >= 900) {
                    late++;
                    assertThat(lag).as("late publish of seq %d", x.seq()).isBetween(999L, 1800L);
                } else {
                    assertThat(lag).as("on-time publish of seq %d", x.seq()).isLessThan(800);
                }
            }
            assertThat(seqs(s)).as("late ones arrive out of order").isNotEqualTo(oneTo(s.size()));
            all += s.size();
        }
        assertThat(late).isPositive().isLessThanOrEqualTo(sim.stats().snapshot().late());
        assertThat((double) late / all).isBetween(0.1, 0.3);
    }

    @Test
    void eachDeviceClockIsOffByItsSeededSkew() throws Exception {
        NetBuilder net = new NetBuilder();
        net.clockSkew = Duration.ofSeconds(3);
        Simulator sim = run(20, 200, 1, net, () -> sink.received() >= 400);

        NetworkChaos chaos = new NetworkChaos(net.build(), SEED);
        List<Long> skews = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            List<Long> offsets =
                    seen(sim, d).stream().map(x -> x.ts() - x.atMs()).sorted().toList();
            long median = offsets.get(offsets.size() / 2);
            long skew = chaos.skewMs(d);
            assertThat(skew).isBetween(-3000L, 3000L);
            assertThat(median).as("device %d", d).isBetween(skew - 300, skew + 5);
            skews.add(skew);
        }
        assertThat(skews.stream().distinct().count()).isGreaterThanOrEqualTo(15);
        assertThat(skews).anyMatch(s -> s < -500).anyMatch(s -> s > 500);
        NetworkChaos again = new NetworkChaos(net.build(), SEED);
        NetworkChaos other = new NetworkChaos(net.build(), SEED + 1);
        List<Long> same = new ArrayList<>();
        List<Long> different = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            same.add(again.skewMs(d));
            different.add(other.skewMs(d));
        }
        assertThat(same).isEqualTo(skews);
        assertThat(different).isNotEqualTo(skews);
    }

    @Test
    void qos0PublishesAreCountedWhenWrittenAndAllArrive() throws Exception {
        Simulator sim = run(10, 500, 0, new NetBuilder(), () -> sink.received() >= 1000);

        assertThat(sink.log).allMatch(r -> r.qos() == 0);
        assertThat(sim.acked()).isEqualTo(sim.sent());
        assertThat(sim.stats().total().getTotalCount()).isEqualTo(sim.acked());
        for (int d = 0; d < 10; d++) {
            List<Seen> s = seen(sim, d);
            assertThat(seqs(s)).isEqualTo(oneTo(s.size()));
        }
    }

    @Test
    void mqtt5WithQos0AndJsonCarriesItsContentType() throws Exception {
        NetBuilder net = new NetBuilder();
        net.mqttVersion = 5;
        Simulator sim = run(5, 100, 0, net, () -> sink.received() >= 150);

        assertThat(sink.protocolVersions).hasSize(5).containsOnly(5);
        assertThat(sink.contentTypes).containsExactly("application/json");
        assertThat(sink.log).allMatch(r -> r.qos() == 0);
        for (int d = 0; d < 5; d++) {
            List<Seen> s = seen(sim, d);
            assertThat(seqs(s)).isEqualTo(oneTo(s.size()));
        }
    }
}
