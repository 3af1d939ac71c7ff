package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.deadLettersOf;
import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.GatewayTestSupport.telemetryOf;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.config.GatewayConfig.MqttSettings;
import io.fieldline.gateway.config.GatewayConfig.ValidationSettings;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every payload rejection reason, end to end: a Paho v3 client publishes the bad payload, and the
 * dead-letter record in Kafka carries the reason code, the original bytes and the device. Also the
 * good formats: protobuf {@code Telemetry} (sniffed) and JSON batch arrays.
 */
@Timeout(120)
class DecodingAndRejectionTest {
    private static final long NOW = System.currentTimeMillis();
    private static Vertx vertx;
    private static Gateway gateway;
    private static MqttAsyncClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        GatewayConfig base = GatewayTestSupport.config();
        MqttSettings m = base.mqtt();
        GatewayConfig config =
                base.withMqtt(
                                new MqttSettings(
                                        m.host(),
                                        m.port(),
                                        1024,
                                        m.connectTimeoutSeconds(),
                                        m.maxKeepAliveSeconds(),
                                        m.maxConnections(),
                                        m.maxInflightPerConnection(),
                                        m.topicPrefix(),
                                        m.topicSuffix(),
                                        m.payloadFormat()))
                        .withValidation(new ValidationSettings(60_000, Set.of("t", "h")));
        gateway = GatewayTestSupport.start(vertx, config, ProducerFactory.kafka());
        client = GatewayTestSupport.connectV3(gateway, "rejections");
    }

    @AfterAll
    static void stop() throws Exception {
        client.disconnectForcibly(1000, 1000);
        GatewayTestSupport.stop(vertx, gateway);
    }

    static Stream<Arguments> badPayloads() {
        byte[] notUtf8 = {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'};
        byte[] truncatedProtobuf = {0x0A, 0x05, 'a'};
        return Stream.of(
                Arguments.of(RejectReason.MALFORMED_JSON, bytes("{\"ts\":")),
                Arguments.of(RejectReason.NOT_UTF8, notUtf8),
                Arguments.of(
                        RejectReason.MISSING_FIELD, bytes("{\"seq\":1,\"metrics\":{\"t\":1}}")),
                Arguments.of(
                        RejectReason.WRONG_TYPE,
                        bytes("{\"ts\":\"now\",\"seq\":1,\"metrics\":{\"t\":1}}")),
                Arguments.of(RejectReason.NON_FINITE_VALUE, json(NOW, 1, "\"t\":NaN")),
                Arguments.of(RejectReason.EMPTY_METRICS, json(NOW, 1, "")),
                Arguments.of(
                        RejectReason.PAYLOAD_TOO_LARGE, json(NOW, 1, "\"t\":1" + " ".repeat(2000))),
                Arguments.of(RejectReason.CLOCK_SKEW, json(NOW - 3_600_000, 1, "\"t\":1")),
                Arguments.of(RejectReason.UNKNOWN_METRIC, json(NOW, 1, "\"t\":1,\"x\":2")),
                Arguments.of(RejectReason.UNDECODABLE_PROTOBUF, truncatedProtobuf));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayloads")
    void badPayloadBecomesADeadLetterWithReasonBytesAndDevice(RejectReason reason, byte[] payload)
            throws Exception {
        String device = newDevice(reason.name().toLowerCase());
        long before = gateway.metrics().rejectedCount(reason);
        client.publish(topicOf(device), payload, 1, false).waitForCompletion(10_000);

        List<DeadLetter> dead = deadLettersOf(device, 1);
        assertThat(dead).hasSize(1);
        DeadLetter dl = dead.get(0);
        assertThat(dl.getReasonCode()).isEqualTo(reason.name());
        assertThat(dl.getReason()).isNotBlank();
        assertThat(dl.getPayload().toByteArray()).isEqualTo(payload);
        assertThat(dl.getDeviceId()).isEqualTo(device);
        assertThat(gateway.metrics().rejectedCount(reason)).isEqualTo(before + 1);
        assertThat(telemetryOf(device, 0)).isEmpty();
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void publishOnAnUnknownTopicIsDeadLetteredWithItsTopic() throws Exception {
        String topic = "fieldline/" + newDevice("topic") + "/status";
        byte[] payload = json(NOW, 1, "\"t\":1");
        client.publish(topic, payload, 1, false).waitForCompletion(10_000);
        List<DeadLetter> dead =
                SharedKafka.records(
                                Topics.DEAD_LETTER.name(),
                                r ->
                                        GatewayTestSupport.parseDeadLetter(r)
                                                .getSourceTopic()
                                                .equals(topic),
                                1)
                        .stream()
                        .map(GatewayTestSupport::parseDeadLetter)
                        .toList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getReasonCode()).isEqualTo("UNKNOWN_TOPIC");
        assertThat(dead.get(0).getDeviceId()).isEmpty();
        assertThat(dead.get(0).getPayload().toByteArray()).isEqualTo(payload);
    }

    @Test
    void protobufTelemetryIsDecodedAndTheTopicNamesTheDevice() throws Exception {
        String device = newDevice("pb");
        Telemetry sent =
                Telemetry.newBuilder()
                        .setDeviceId("spoofed")
                        .setEventTimeMs(NOW)
                        .setSeq(42)
                        .addMeasurements(Measurement.newBuilder().setMetric("t").setValue(1.25))
                        .addMeasurements(Measurement.newBuilder().setMetric("h").setValue(40))
                        .build();
        client.publish(topicOf(device), sent.toByteArray(), 1, false).waitForCompletion(10_000);
        List<Telemetry> got = telemetryOf(device, 1);
        assertThat(got).hasSize(1);
        Telemetry t = got.get(0);
        assertThat(t.getDeviceId()).isEqualTo(device);
        assertThat(t.getSeq()).isEqualTo(42);
        assertThat(t.getEventTimeMs()).isEqualTo(NOW);
        assertThat(t.getMeasurementsList()).isEqualTo(sent.getMeasurementsList());
        assertThat(t.getReceiveTimeMs()).isPositive();
    }

    @Test
    void jsonBatchArrayBecomesOneRecordPerElement() throws Exception {
        String device = newDevice("batch");
        String batch =
                "["
                        + new String(json(NOW, 1, "\"t\":1"), StandardCharsets.UTF_8)
                        + " , "
                        + new String(json(NOW + 1, 2, "\"h\":2"), StandardCharsets.UTF_8)
                        + "]";
        client.publish(topicOf(device), bytes(batch), 1, false).waitForCompletion(10_000);
        assertThat(telemetryOf(device, 2))
                .extracting(Telemetry::getSeq)
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void aBatchWithOneBadElementIsDeadLetteredWhole() throws Exception {
        String device = newDevice("badbatch");
        String batch =
                "[" + new String(json(NOW, 1, "\"t\":1"), StandardCharsets.UTF_8) + ",{\"ts\":1}]";
        client.publish(topicOf(device), bytes(batch), 1, false).waitForCompletion(10_000);
        List<DeadLetter> dead = deadLettersOf(device, 1);
        assertThat(dead).extracting(DeadLetter::getReasonCode).containsExactly("MISSING_FIELD");
        assertThat(dead.get(0).getReason()).contains("[1].seq");
        assertThat(telemetryOf(device, 0)).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
