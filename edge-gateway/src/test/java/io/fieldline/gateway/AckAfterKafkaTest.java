package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.connectV3;
import static io.fieldline.gateway.GatewayTestSupport.deadLettersOf;
import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.GatewayTestSupport.telemetryOf;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Eclipse Paho v3 against the real gateway and Kafka: QoS 1 acks wait for Kafka; bad input. */
@Timeout(60)
class AckAfterKafkaTest {
    private static final long T0 = System.currentTimeMillis();
    private static final GatedProducers PRODUCERS = new GatedProducers();
    private static Vertx vertx;
    private static Gateway gateway;

    @BeforeAll
    static void startGateway() {
        vertx = Vertx.vertx();
        gateway = GatewayTestSupport.start(vertx, GatewayTestSupport.config(), PRODUCERS);
    }

    @AfterAll
    static void stopGateway() {
        PRODUCERS.open();
        GatewayTestSupport.stop(vertx, gateway);
    }

    @Test
    void qos1PubackArrivesOnlyAfterKafkaAcknowledged() throws Exception {
        String device = newDevice("ack");
        MqttAsyncClient client = connectV3(gateway, device);
        try {
            PRODUCERS.close();
            IMqttDeliveryToken token =
                    client.publish(topicOf(device), json(T0, 1, "\"t\":21.5"), 1, false);
            // The record reaches Kafka, but Kafka's ack is held back: no PUBACK may arrive.
            List<Telemetry> written = telemetryOf(device, 1);
            assertThat(written).hasSize(1);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> !token.isComplete());
            PRODUCERS.open();
            token.waitForCompletion(10_000);
            assertThat(token.isComplete()).isTrue();
            assertThat(token.getException()).isNull();
            Telemetry t = written.get(0);
            assertThat(t.getDeviceId()).isEqualTo(device);
            assertThat(t.getSeq()).isEqualTo(1);
            assertThat(t.getEventTimeMs()).isEqualTo(T0);
            assertThat(t.getGatewayId()).isEqualTo("gw-1");
            assertThat(t.getMeasurements(0).getMetric()).isEqualTo("t");
            assertThat(t.getMeasurements(0).getValue()).isEqualTo(21.5);
        } finally {
            PRODUCERS.open();
            client.disconnectForcibly(1000, 1000);
        }
    }

    @Test
    void recordsCarryHeadersAndTheDeviceKey() throws Exception {
        String device = newDevice("hdr");
        MqttAsyncClient client = connectV3(gateway, device);
        try {
            client.publish(topicOf(device), json(T0, 7, "\"t\":1"), 1, false)
                    .waitForCompletion(10_000);
            List<ConsumerRecord<String, byte[]>> records =
                    SharedKafka.recordsFor(Topics.TELEMETRY.name(), device, 1);
            assertThat(records).hasSize(1);
            var headers = records.get(0).headers();
            assertThat(
                            new String(
                                    headers.lastHeader("content-type").value(),
                                    StandardCharsets.UTF_8))
                    .isEqualTo(Topics.CONTENT_TYPE);
            assertThat(new String(headers.lastHeader("gateway-id").value(), StandardCharsets.UTF_8))
                    .isEqualTo("gw-1");
            assertThat(
                            new String(
                                    headers.lastHeader("schema-version").value(),
                                    StandardCharsets.UTF_8))
                    .isEqualTo(Topics.SCHEMA_VERSION);
        } finally {
            client.disconnectForcibly(1000, 1000);
        }
    }

    @Test
    void badPayloadIsDeadLetteredAndTheConnectionStaysUsable() throws Exception {
        String device = newDevice("bad");
        MqttAsyncClient client = connectV3(gateway, device);
        try {
            byte[] garbage = "{\"ts\": oops".getBytes(StandardCharsets.UTF_8);
            long rejectedBefore =
                    gateway.metrics()
                            .rejectedCount(io.fieldline.gateway.model.RejectReason.MALFORMED_JSON);
            client.publish(topicOf(device), garbage, 1, false).waitForCompletion(10_000);
            client.publish(topicOf(device), json(T0, 2, "\"t\":3"), 1, false)
                    .waitForCompletion(10_000);

            assertThat(client.isConnected()).isTrue();
            List<DeadLetter> dead = deadLettersOf(device, 1);
            assertThat(dead).hasSize(1);
            DeadLetter dl = dead.get(0);
            assertThat(dl.getReasonCode()).isEqualTo("MALFORMED_JSON");
            assertThat(dl.getPayload().toByteArray()).isEqualTo(garbage);
            assertThat(dl.getDeviceId()).isEqualTo(device);
            assertThat(dl.getSourceTopic()).isEqualTo(topicOf(device));
            assertThat(dl.getGatewayId()).isEqualTo("gw-1");
            assertThat(telemetryOf(device, 1)).extracting(Telemetry::getSeq).containsExactly(2L);
            assertThat(
                            gateway.metrics()
                                    .rejectedCount(
                                            io.fieldline.gateway.model.RejectReason.MALFORMED_JSON))
                    .isEqualTo(rejectedBefore + 1);
        } finally {
            client.disconnectForcibly(1000, 1000);
        }
    }
}
