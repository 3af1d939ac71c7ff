package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.deadLettersOf;
import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.GatewayTestSupport.telemetryOf;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.config.GatewayConfig.KafkaSettings;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.Telemetry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 5 behaviour with Eclipse Paho v5 and the HiveMQ client, plus connection limits. */
@Timeout(60)
class Mqtt5Test {
    private static final long NOW = System.currentTimeMillis();
    private final Vertx vertx = Vertx.vertx();
    private Gateway gateway;

    @AfterEach
    void stop() {
        GatewayTestSupport.stop(vertx, gateway);
    }

    private void start(GatewayConfig config) {
        gateway = GatewayTestSupport.start(vertx, config, ProducerFactory.kafka());
    }

    private MqttAsyncClient pahoV5(String id, int keepAlive) throws Exception {
        MqttAsyncClient c =
                new MqttAsyncClient(
                        "tcp://127.0.0.1:" + gateway.mqttPort(), id, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setKeepAliveInterval(keepAlive);
        o.setAutomaticReconnect(false);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private static MqttMessage message(byte[] payload, int qos, String contentType) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        MqttProperties p = new MqttProperties();
        p.setContentType(contentType);
        m.setProperties(p);
        return m;
    }

    @Test
    void contentTypeChoosesTheDecoderAndAnUnknownOneIsDeadLettered() throws Exception {
        start(GatewayTestSupport.config());
        String device = newDevice("v5ct");
        MqttAsyncClient c = pahoV5(device, 30);
        try {
            Telemetry pb =
                    Telemetry.newBuilder()
                            .setEventTimeMs(NOW)
                            .setSeq(1)
                            .addMeasurements(
                                    io.fieldline.proto.Measurement.newBuilder()
                                            .setMetric("t")
                                            .setValue(2))
                            .build();
            c.publish(topicOf(device), message(pb.toByteArray(), 1, "application/x-protobuf"))
                    .waitForCompletion(10_000);
            c.publish(topicOf(device), message(json(NOW, 2, "\"t\":3"), 1, "application/json"))
                    .waitForCompletion(10_000);
            byte[] csv = "t,1".getBytes();
            c.publish(topicOf(device), message(csv, 1, "text/csv")).waitForCompletion(10_000);

            assertThat(telemetryOf(device, 2))
                    .extracting(Telemetry::getSeq)
                    .containsExactlyInAnyOrder(1L, 2L);
            List<DeadLetter> dead = deadLettersOf(device, 1);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getReasonCode()).isEqualTo("UNSUPPORTED_CONTENT_TYPE");
            assertThat(dead.get(0).getContentType()).isEqualTo("text/csv");
            assertThat(dead.get(0).getPayload().toByteArray()).isEqualTo(csv);
        } finally {
            c.disconnectForcibly(1000, 1000, false);
        }
    }

    @Test
    void whenKafkaCannotTakeAQos1PublishTheV5ClientGetsQuotaExceeded() throws Exception {
        GatewayConfig base = GatewayTestSupport.config().withKafka("127.0.0.1:1");
        KafkaSettings k = base.kafka();
        start(
                base.withKafka(
                        new KafkaSettings(k.bootstrap(), 1, 1_000, 0, k.batchBytes(), "none")));
        String device = newDevice("v5quota");
        MqttAsyncClient c = pahoV5(device, 30);
        try {
            List<IMqttToken> tokens = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                tokens.add(c.publish(topicOf(device), message(json(NOW, i, "\"t\":1"), 1, null)));
            }
            for (IMqttToken t : tokens) {
                t.waitForCompletion(10_000);
                assertThat(t.getReasonCodes()).containsExactly(0x97);
            }
            assertThat(c.isConnected()).isTrue();
            assertThat(gateway.metrics().forwardedCount()).isZero();
        } finally {
            c.disconnectForcibly(1000, 1000, false);
        }
    }

    @Test
    void qos2PublishFromHiveMqIsForwardedExactlyOnce() {
        start(GatewayTestSupport.config());
        String device = newDevice("qos2");
        Mqtt5BlockingClient c = hivemq(device);
        c.connect();
        try {
            for (int i = 1; i <= 3; i++) {
                c.publishWith()
                        .topic(topicOf(device))
                        .qos(MqttQos.EXACTLY_ONCE)
                        .payload(json(NOW + i, i, "\"t\":" + i))
                        .contentType("application/json")
                        .send();
            }
            assertThat(telemetryOf(device, 3))
                    .extracting(Telemetry::getSeq)
                    .containsExactlyInAnyOrder(1L, 2L, 3L);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedWithServerBusy() {
        start(GatewayTestSupport.limits(GatewayTestSupport.config(), 300, 1));
        Mqtt5BlockingClient first = hivemq(newDevice("limit"));
        first.connect();
        try {
            Mqtt5BlockingClient second = hivemq(newDevice("limit"));
            assertThatThrownBy(second::connect)
                    .isInstanceOfSatisfying(
                            Mqtt5ConnAckException.class,
                            e ->
                                    assertThat(e.getMqttMessage().getReasonCode())
                                            .isEqualTo(Mqtt5ConnAckReasonCode.SERVER_BUSY));
        } finally {
            first.disconnect();
        }
    }

    @Test
    void aV5ClientAskingForTooLongAKeepAliveIsToldTheMaximum() {
        start(GatewayTestSupport.limits(GatewayTestSupport.config(), 20, 10));
        Mqtt5BlockingClient c =
                MqttClient.builder()
                        .useMqttVersion5()
                        .identifier(newDevice("ka"))
                        .serverHost("127.0.0.1")
                        .serverPort(gateway.mqttPort())
                        .buildBlocking();
        var ack = c.connectWith().keepAlive(600).send();
        try {
            assertThat(ack.getServerKeepAlive()).hasValue(20);
            assertThat(ack.getRestrictions().getReceiveMaximum()).isEqualTo(32);
        } finally {
            c.disconnect();
        }
    }

    private Mqtt5BlockingClient hivemq(String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(gateway.mqttPort())
                .buildBlocking();
    }
}
