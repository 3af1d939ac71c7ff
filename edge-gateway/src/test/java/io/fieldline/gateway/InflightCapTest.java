package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.GatewayTestSupport.telemetryOf;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.config.GatewayConfig.MqttSettings;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.proto.Telemetry;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 3.1.1 client exceeding max-inflight-per-connection is disconnected, the refusal is counted, and
 * what it had is kept.
 */
@Timeout(60)
class InflightCapTest {
    private static final long NOW = System.currentTimeMillis();
    private final GatedProducers producers = new GatedProducers();
    private final Vertx vertx = Vertx.vertx();
    private Gateway gateway;

    @AfterEach
    void stop() {
        producers.open();
        GatewayTestSupport.stop(vertx, gateway);
    }

    @Test
    void aThirdUnacknowledgedPublishOverACapOfTwoClosesTheConnection() throws Exception {
        GatewayConfig base = GatewayTestSupport.config();
        MqttSettings m = base.mqtt();
        gateway =
                GatewayTestSupport.start(
                        vertx,
                        base.withMqtt(
                                new MqttSettings(
                                        m.host(),
                                        m.port(),
                                        m.maxMessageBytes(),
                                        m.connectTimeoutSeconds(),
                                        m.maxKeepAliveSeconds(),
                                        m.maxConnections(),
                                        2,
                                        m.topicPrefix(),
                                        m.topicSuffix(),
                                        m.payloadFormat())),
                        producers);
        String device = newDevice("cap");
        MqttAsyncClient c =
                new MqttAsyncClient(
                        "tcp://127.0.0.1:" + gateway.mqttPort(), device, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setAutomaticReconnect(false);
        c.connect(o).waitForCompletion(10_000);
        producers.close();
        for (int i = 1; i <= 3; i++) {
            c.publish(topicOf(device), json(NOW + i, i, "\"t\":1"), 1, false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !c.isConnected());
        assertThat(gateway.metrics().rejectedCount(RejectReason.INFLIGHT_LIMIT)).isEqualTo(1);
        producers.open();
        assertThat(telemetryOf(device, 2))
                .extracting(Telemetry::getSeq)
                .containsExactlyInAnyOrder(1L, 2L);
        c.close(true);
    }
}
