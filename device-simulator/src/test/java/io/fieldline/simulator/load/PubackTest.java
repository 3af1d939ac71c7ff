package io.fieldline.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Acknowledged" means the broker's PUBACK, not a written socket: against a server that receives
 * but never acknowledges, nothing counts as acknowledged and no latency is recorded.
 */
@Timeout(60)
class PubackTest {
    private final Vertx vertx = Vertx.vertx();
    private final AckingMqttServer sink = AckingMqttServer.start(vertx, false);

    @AfterEach
    void close() {
        sink.close();
        vertx.close().await();
    }

    @Test
    void publishesWithoutPubackAreNotCountedAcknowledged() {
        sink.withholdAcks = true;
        Simulator sim =
                new Simulator(
                        vertx, SimulatorConfig.defaults("127.0.0.1", sink.port()).with(5, 200, 3));
        sim.start().await();
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.received() >= 50);

        assertThat(sim.sent()).isGreaterThanOrEqualTo(50);
        assertThat(sim.acked()).isZero();
        assertThat(sim.stats().total().getTotalCount()).isZero();

        sink.withholdAcks = false;
        long before = sink.received();
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.acked() >= 20);
        assertThat(sink.received()).isGreaterThan(before);
        sim.stop().await();
        // What was never acknowledged is an error once the connection closes, not silently lost.
        assertThat(sim.acked() + sim.errors()).isEqualTo(sim.sent());
        assertThat(sim.errors()).isGreaterThanOrEqualTo(50);
    }
}
