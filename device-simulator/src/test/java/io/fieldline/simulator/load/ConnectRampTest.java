package io.fieldline.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.simulator.config.FleetOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connection storms are avoided: a real MQTT server that holds each CONNACK back 100 ms sees the
 * ramp-up's connects spread over its window, and never more CONNECTs waiting than {@code
 * --connect-concurrency}, with or without a ramp-up.
 */
@Timeout(60)
class ConnectRampTest {
    private static final long CONNACK_DELAY_MS = 100;
    private final Vertx vertx = Vertx.vertx();
    private final AckingMqttServer sink = AckingMqttServer.start(vertx, false, CONNACK_DELAY_MS);

    @AfterEach
    void close() {
        sink.close();
        vertx.close().await();
    }

    /** Starts (bounded wait) and returns the milliseconds it took. */
    private long startAndStop(int devices, Duration rampUp, int concurrency) throws Exception {
        NetBuilder net = new NetBuilder();
        net.rampUp = rampUp;
        net.connectConcurrency = concurrency;
        Simulator sim =
                new Simulator(
                        vertx,
                        SimulatorConfig.defaults("127.0.0.1", sink.port())
                                .with(devices, devices, 11)
                                .with(FleetOptions.defaults(), net.build()));
        long t0 = System.currentTimeMillis();
        sim.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        long took = System.currentTimeMillis() - t0;
        sim.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(sim.stats().snapshot().errors()).isZero();
        return took;
    }

    @Test
    void rampUpSpreadsConnectsOverTheWindow() throws Exception {
        long t0 = System.currentTimeMillis();
        startAndStop(60, Duration.ofSeconds(3), 4);

        List<Long> at = sink.connectTimesMs.stream().map(t -> t - t0).sorted().toList();
        assertThat(at).hasSize(60);
        // Never above the bound of 4; a spread ramp-up alone stays near 2, so the bound itself is
        // proven by withoutRampUpAtMostTheConcurrencyConnectAtOnce (exactly 3 of 40).
        assertThat(sink.maxConnecting.get()).isBetween(2, 4);
        assertThat(at.get(at.size() - 1) - at.get(0)).isGreaterThanOrEqualTo(2000);
        for (int third = 0; third < 3; third++) {
            long from = third * 1000L;
            long to = third == 2 ? Long.MAX_VALUE : from + 1000;
            assertThat(at.stream().filter(t -> t >= from && t < to).count())
                    .as("connects in second %d of the ramp-up: %s", third, at)
                    .isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void withoutRampUpAtMostTheConcurrencyConnectAtOnce() throws Exception {
        // 3 is less than the number of shards (up to 2 per core): the bound is fleet-wide.
        long took = startAndStop(40, Duration.ZERO, 3);

        assertThat(sink.connectTimesMs).hasSize(40);
        assertThat(sink.maxConnecting.get()).isEqualTo(3);
        // 40 connects, 3 at a time, 100 ms each: at least 14 rounds.
        assertThat(took).isGreaterThanOrEqualTo(13 * CONNACK_DELAY_MS);
    }
}
