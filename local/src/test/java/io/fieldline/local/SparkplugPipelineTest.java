package io.fieldline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.Gateway;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.simulator.config.FleetOptions;
import io.fieldline.simulator.config.NetworkOptions;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import io.fieldline.simulator.model.AssetType;
import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulator's Sparkplug B fleet through the real gateway into Kafka: BIRTHs define the aliases
 * and add no readings, every DDATA becomes one Telemetry message under the device id the simulator
 * predicts, and each device's readings are numbered 1..n without gap or repeat (the node's 0..255
 * seq wraps several times in this run), so the cloud ledger can count them.
 */
@Timeout(120)
class SparkplugPipelineTest {
    private static final int DEVICES = 5;
    private static final double RATE = 250; // each device every 20 ms: > 256 messages per device

    private EmbeddedKafka kafka;
    private Vertx vertx;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close(Duration.ofSeconds(5)).await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyDdataArrivesOnceNumberedPerDevice() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createFieldlineTopics(1);
        vertx = Vertx.vertx();
        gateway =
                Gateway.start(
                                vertx,
                                GatewayConfig.defaults()
                                        .withMqtt("127.0.0.1", 0)
                                        .withKafka(kafka.bootstrapServers())
                                        .withOutboxEnabled(false),
                                ProducerFactory.kafka())
                        .await();
        NetworkOptions sparkplug =
                NetworkOptions.defaults()
                        .withPayload(PayloadFormat.SPARKPLUG, NetworkOptions.Sparkplug.defaults());
        Simulator sim =
                new Simulator(
                        vertx,
                        SimulatorConfig.defaults("127.0.0.1", gateway.mqttPort())
                                .with(DEVICES, RATE, 21)
                                .with(
                                        new FleetOptions(
                                                List.of(AssetType.PUMP),
                                                Duration.ofDays(1),
                                                List.of(),
                                                0,
                                                Duration.ofSeconds(10)),
                                        sparkplug));
        sim.start().await();
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.acked() >= 2 * DEVICES + 1_500);
        sim.stop().await();
        assertThat(sim.errors()).isZero();
        long ddata = sim.acked() - 2L * DEVICES; // one NBIRTH + DBIRTH per device session
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.metrics().forwardedCount() >= ddata);
        assertThat(gateway.metrics().forwardedCount()).isEqualTo(ddata);

        Map<String, List<Long>> seqs = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r :
                kafka.consume(
                        Topics.TELEMETRY.name(), (int) ddata, Duration.ofSeconds(20), false)) {
            Telemetry t = Telemetry.parseFrom(r.value());
            seqs.computeIfAbsent(t.getDeviceId(), k -> new ArrayList<>()).add(t.getSeq());
        }
        assertThat(seqs.values().stream().mapToLong(List::size).sum()).isEqualTo(ddata);
        assertThat(seqs).hasSize(DEVICES);
        for (Map.Entry<String, List<Long>> e : seqs.entrySet()) {
            assertThat(e.getKey()).startsWith("fieldline.").endsWith(".asset");
            List<Long> s = e.getValue();
            assertThat(s.size()).as(e.getKey()).isGreaterThan(256);
            for (int i = 0; i < s.size(); i++) {
                assertThat(s.get(i)).as(e.getKey() + " reading " + i).isEqualTo(i + 1L);
            }
        }
    }
}
