package io.fieldline.gateway;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.config.GatewayConfig.HttpSettings;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.proto.DeadLetter;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Starting a gateway on loopback against the shared Kafka, payload builders and record readers. */
final class GatewayTestSupport {
    private static final AtomicInteger DEVICES = new AtomicInteger();

    private GatewayTestSupport() {}

    /**
     * A gateway on loopback against {@link SharedKafka}, with the outbox <b>off</b>: these tests
     * are about the direct path (PUBACK after Kafka's ack); the outbox tests turn it on with their
     * own directory. (The default outbox, {@code data/outbox} under the working directory, would be
     * shared by every test gateway.)
     */
    static GatewayConfig config() {
        return GatewayConfig.defaults()
                .withMqtt("127.0.0.1", 0)
                .withKafka(SharedKafka.get().bootstrapServers())
                .withHttp(new HttpSettings(true, "127.0.0.1", 0))
                .withOutboxEnabled(false);
    }

    /** {@code c} with other MQTT keep-alive and connection limits. */
    static GatewayConfig limits(GatewayConfig c, int maxKeepAliveSeconds, int maxConnections) {
        var m = c.mqtt();
        return c.withMqtt(
                new GatewayConfig.MqttSettings(
                        m.host(),
                        m.port(),
                        m.maxMessageBytes(),
                        m.connectTimeoutSeconds(),
                        maxKeepAliveSeconds,
                        maxConnections,
                        m.maxInflightPerConnection(),
                        m.topicPrefix(),
                        m.topicSuffix(),
                        m.payloadFormat()));
    }

    /** {@code c} with another per-connection in-flight cap. */
    static GatewayConfig inflightCap(GatewayConfig c, int cap) {
        var m = c.mqtt();
        return c.withMqtt(
                new GatewayConfig.MqttSettings(
                        m.host(),
                        m.port(),
                        m.maxMessageBytes(),
                        m.connectTimeoutSeconds(),
                        m.maxKeepAliveSeconds(),
                        m.maxConnections(),
                        cap,
                        m.topicPrefix(),
                        m.topicSuffix(),
                        m.payloadFormat()));
    }

    static Gateway start(Vertx vertx, GatewayConfig config, ProducerFactory producers) {
        return Gateway.start(vertx, config, producers).await();
    }

    static void stop(Vertx vertx, Gateway gateway) {
        if (gateway != null) {
            gateway.close(Duration.ofSeconds(5)).await();
        }
        vertx.close().await();
    }

    /** A device id no other test uses, so records in the shared topics can be told apart. */
    static String newDevice(String prefix) {
        return prefix + "-" + DEVICES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    static String topicOf(String device) {
        return "fieldline/" + device + "/telemetry";
    }

    static byte[] json(long ts, long seq, String metrics) {
        return ("{\"ts\":" + ts + ",\"seq\":" + seq + ",\"metrics\":{" + metrics + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static MqttAsyncClient connectV3(Gateway gateway, String clientId) throws Exception {
        MqttAsyncClient c =
                new MqttAsyncClient(
                        "tcp://127.0.0.1:" + gateway.mqttPort(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    static List<Telemetry> telemetryOf(String device, int expected) {
        return SharedKafka.recordsFor(Topics.TELEMETRY.name(), device, expected).stream()
                .map(GatewayTestSupport::parseTelemetry)
                .toList();
    }

    static List<DeadLetter> deadLettersOf(String device, int expected) {
        return SharedKafka.recordsFor(Topics.DEAD_LETTER.name(), device, expected).stream()
                .map(GatewayTestSupport::parseDeadLetter)
                .toList();
    }

    static Telemetry parseTelemetry(ConsumerRecord<String, byte[]> r) {
        try {
            return Telemetry.parseFrom(r.value());
        } catch (Exception e) {
            throw new AssertionError("not a Telemetry record", e);
        }
    }

    static DeadLetter parseDeadLetter(ConsumerRecord<String, byte[]> r) {
        try {
            return DeadLetter.parseFrom(r.value());
        } catch (Exception e) {
            throw new AssertionError("not a DeadLetter record", e);
        }
    }
}
