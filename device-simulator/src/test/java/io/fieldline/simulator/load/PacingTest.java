package io.fieldline.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Open-loop pacing against a real MQTT server that only acknowledges. */
@Timeout(90)
class PacingTest {
    private final Vertx vertx = Vertx.vertx();
    private final AckingMqttServer sink = AckingMqttServer.start(vertx, false);

    @AfterEach
    void close() {
        sink.close();
        vertx.close().await();
    }

    @Test
    void holds5000MessagesPerSecondWithinTwoPercentOverTenSeconds() {
        Simulator sim =
                new Simulator(
                        vertx,
                        SimulatorConfig.defaults("127.0.0.1", sink.port()).with(100, 5000, 1));
        sim.start().await();
        // Warm-up: class loading and JIT in the first seconds leave a backlog that open-loop
        // pacing then catches up on; measure once the schedule is met.
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                sim.sent()
                                        >= 0.995
                                                * 5000
                                                * (System.currentTimeMillis() - sim.startEpochMs())
                                                / 1000.0);

        long t1 = System.nanoTime();
        long s1 = sim.sent();
        await().pollInterval(Duration.ofMillis(5))
                .atMost(Duration.ofSeconds(12))
                .until(() -> System.nanoTime() - t1 >= 10_000_000_000L);
        long s2 = sim.sent();
        double seconds = (System.nanoTime() - t1) / 1e9;
        sim.stop().await();

        double rate = (s2 - s1) / seconds;
        assertThat(rate).isBetween(5000 * 0.98, 5000 * 1.02);
        assertThat(sim.errors()).isZero();
        assertThat(sim.acked()).isEqualTo(sim.sent());
        assertThat(sink.received()).isEqualTo(sim.sent());
        Histogram latency = sim.stats().total();
        assertThat(latency.getTotalCount()).isEqualTo(sim.acked());
    }
}
