package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.deadLettersOf;
import static io.fieldline.gateway.GatewayTestSupport.telemetryOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.sparkplug.SparkplugBProto.Payload;
import io.fieldline.gateway.sparkplug.SparkplugBProto.Payload.Metric;
import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sparkplug B over MQTT 3.1.1 (HiveMQ client): BIRTH defines aliases, DATA is decoded with them,
 * and a DATA before its BIRTH is dead-lettered with a clear reason.
 */
@Timeout(60)
class SparkplugTest {
    private static final long T0 = System.currentTimeMillis();
    private static Vertx vertx;
    private static Gateway gateway;
    private static Mqtt3BlockingClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        gateway =
                GatewayTestSupport.start(
                        vertx, GatewayTestSupport.config(), ProducerFactory.kafka());
        client =
                MqttClient.builder()
                        .useMqttVersion3()
                        .identifier("sparkplug-node")
                        .serverHost("127.0.0.1")
                        .serverPort(gateway.mqttPort())
                        .buildBlocking();
        client.connect();
    }

    @AfterAll
    static void stop() {
        client.disconnect();
        GatewayTestSupport.stop(vertx, gateway);
    }

    private static void publish(String topic, Payload p) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(p.toByteArray())
                .send();
    }

    private static Metric.Builder metric(String name, long alias) {
        Metric.Builder m = Metric.newBuilder().setAlias(alias);
        return name == null ? m : m.setName(name);
    }

    @Test
    void birthDefinesAliasesThatDataUses() {
        String node = "node-" + Long.toHexString(System.nanoTime());
        Payload birth =
                Payload.newBuilder()
                        .setTimestamp(T0)
                        .setSeq(0)
                        .addMetrics(metric("temperature", 1).setDatatype(10).setDoubleValue(21.5))
                        .addMetrics(metric("running", 2).setDatatype(11).setBooleanValue(true))
                        .addMetrics(metric("offset", 3).setDatatype(3).setIntValue(-5))
                        .addMetrics(metric("label", 4).setDatatype(12).setStringValue("line 1"))
                        .build();
        publish("spBv1.0/plant/NBIRTH/" + node, birth);
        Payload data =
                Payload.newBuilder()
                        .setTimestamp(T0 + 1000)
                        .setSeq(1)
                        .addMetrics(metric(null, 1).setDatatype(10).setDoubleValue(22.25))
                        .addMetrics(metric(null, 2).setDatatype(11).setBooleanValue(false))
                        .build();
        publish("spBv1.0/plant/NDATA/" + node, data);

        List<Telemetry> got = telemetryOf("plant." + node, 2);
        assertThat(got).hasSize(2);
        // The gateway numbers a Sparkplug device's readings itself (node seq 0, 1 → 1, 2).
        Telemetry b = got.stream().filter(t -> t.getSeq() == 1).findFirst().orElseThrow();
        assertThat(b.getMeasurementsList())
                .extracting(Measurement::getMetric, Measurement::getValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("temperature", 21.5),
                        org.assertj.core.groups.Tuple.tuple("running", 1.0),
                        org.assertj.core.groups.Tuple.tuple("offset", -5.0));
        Telemetry d = got.stream().filter(t -> t.getSeq() == 2).findFirst().orElseThrow();
        assertThat(d.getEventTimeMs()).isEqualTo(T0 + 1000);
        assertThat(d.getMeasurementsList())
                .extracting(Measurement::getMetric, Measurement::getValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("temperature", 22.25),
                        org.assertj.core.groups.Tuple.tuple("running", 0.0));
    }

    @Test
    void deviceDataBeforeItsBirthIsDeadLettered() {
        String node = "node-" + Long.toHexString(System.nanoTime());
        Payload data =
                Payload.newBuilder()
                        .setTimestamp(T0)
                        .setSeq(5)
                        .addMetrics(metric(null, 7).setDatatype(9).setFloatValue(1.5f))
                        .build();
        publish("spBv1.0/plant/DDATA/" + node + "/pump-1", data);
        String device = "plant." + node + ".pump-1";
        List<DeadLetter> dead = deadLettersOf(device, 1);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getReasonCode()).isEqualTo("SPARKPLUG_NO_BIRTH");
        assertThat(dead.get(0).getReason()).contains("alias 7");
        assertThat(dead.get(0).getPayload().toByteArray()).isEqualTo(data.toByteArray());
        assertThat(telemetryOf(device, 0)).isEmpty();
    }
}
