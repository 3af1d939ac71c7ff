package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.GatewayTestSupport.telemetryOf;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.config.FilterRule;
import io.fieldline.gateway.config.FilterRule.Mode;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.model.FilterReason;
import io.fieldline.proto.EdgeAggregate;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graceful shutdown with publishes in flight, and filters plus edge aggregates end to end. */
@Timeout(90)
class ShutdownAndAggregationTest {
    private static final long NOW = System.currentTimeMillis();
    private final Vertx vertx = Vertx.vertx();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close(Duration.ofSeconds(5)).await();
        }
        vertx.close().await();
    }

    @Test
    void shutdownWithPublishesInFlightLosesNothingThatWasAcknowledged() throws Exception {
        // A cap above the 1,000 publishes: this test is about shutdown, not the in-flight cap.
        gateway =
                GatewayTestSupport.start(
                        vertx,
                        GatewayTestSupport.inflightCap(GatewayTestSupport.config(), 2000),
                        ProducerFactory.kafka());
        String device = newDevice("shutdown");
        MqttAsyncClient c =
                new MqttAsyncClient(
                        "tcp://127.0.0.1:" + gateway.mqttPort(), device, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(2000);
        o.setAutomaticReconnect(false);
        c.connect(o).waitForCompletion(10_000);
        List<IMqttDeliveryToken> tokens = new ArrayList<>();
        try {
            for (int i = 1; i <= 1000; i++) {
                tokens.add(c.publish(topicOf(device), json(NOW + i, i, "\"t\":" + i), 1, false));
                if (i == 200) {
                    tokens.get(0).waitForCompletion(10_000);
                    gateway.close(Duration.ofSeconds(10)).onComplete(ar -> {});
                }
            }
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            // the gateway went away while publishing: expected
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !c.isConnected());
        Set<Long> acknowledged = new java.util.TreeSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            IMqttDeliveryToken t = tokens.get(i);
            if (t.isComplete() && t.getException() == null) {
                acknowledged.add((long) i + 1);
            }
        }
        gateway = null;
        assertThat(acknowledged).isNotEmpty();
        Set<Long> inKafka =
                telemetryOf(device, acknowledged.size()).stream()
                        .map(Telemetry::getSeq)
                        .collect(Collectors.toSet());
        assertThat(inKafka).containsAll(acknowledged);
        c.close(true);
    }

    @Test
    void filtersDropByReasonAndAggregatesReachKafkaAtShutdown() throws Exception {
        GatewayConfig config =
                GatewayTestSupport.config()
                        .withFilters(
                                List.of(
                                        new FilterRule("t", 0, 100, 1.0, 0, 0, 0, Mode.BOTH),
                                        new FilterRule(
                                                "vib*",
                                                Double.NaN,
                                                Double.NaN,
                                                Double.NaN,
                                                0,
                                                0,
                                                0,
                                                Mode.AGGREGATE)),
                                new GatewayConfig.AggregationSettings(3_600_000, 0));
        gateway = GatewayTestSupport.start(vertx, config, ProducerFactory.kafka());
        String device = newDevice("agg");
        MqttAsyncClient c = GatewayTestSupport.connectV3(gateway, device);
        long windowStart = Math.floorDiv(NOW, 3_600_000L) * 3_600_000L;
        double[] temps = {20, 20.5, 150, 22, 22.2};
        for (int i = 0; i < temps.length; i++) {
            long ts = windowStart + i;
            c.publish(
                            topicOf(device),
                            json(ts, i + 1, "\"t\":" + temps[i] + ",\"vib_x\":" + (i + 1)),
                            1,
                            false)
                    .waitForCompletion(10_000);
        }
        // one QoS 1 redelivery of seq 1
        c.publish(topicOf(device), json(windowStart, 1, "\"t\":20,\"vib_x\":1"), 1, false)
                .waitForCompletion(10_000);
        c.disconnectForcibly(1000, 1000);

        List<Telemetry> raw = telemetryOf(device, 2);
        assertThat(raw)
                .extracting(t -> t.getMeasurements(0).getValue())
                .containsExactlyInAnyOrder(20.0, 22.0);
        assertThat(raw).allSatisfy(t -> assertThat(t.getMeasurementsCount()).isEqualTo(1));
        GatewayMetrics m = gateway.metrics();
        assertThat(m.filteredCount(FilterReason.OUT_OF_RANGE)).isEqualTo(1);
        assertThat(m.filteredCount(FilterReason.DEADBAND)).isEqualTo(2);
        assertThat(m.filteredCount(FilterReason.DUPLICATE)).isEqualTo(2);

        gateway.close(Duration.ofSeconds(5)).await();
        gateway = null;
        List<EdgeAggregate> aggs =
                SharedKafka.recordsFor(Topics.EDGE_AGGREGATES.name(), device, 2).stream()
                        .map(
                                r -> {
                                    try {
                                        return EdgeAggregate.parseFrom(r.value());
                                    } catch (Exception e) {
                                        throw new AssertionError(e);
                                    }
                                })
                        .toList();
        assertThat(aggs).hasSize(2);
        EdgeAggregate vib =
                aggs.stream().filter(a -> a.getMetric().equals("vib_x")).findFirst().orElseThrow();
        assertThat(vib.getCount()).isEqualTo(5);
        assertThat(vib.getSum()).isEqualTo(15.0);
        assertThat(vib.getWindowStartMs()).isEqualTo(windowStart);
        EdgeAggregate t =
                aggs.stream().filter(a -> a.getMetric().equals("t")).findFirst().orElseThrow();
        // both mode: the aggregate holds the readings that passed the filters (20, 22)
        assertThat(t.getCount()).isEqualTo(2);
        assertThat(t.getMax()).isEqualTo(22.0);
    }
}
