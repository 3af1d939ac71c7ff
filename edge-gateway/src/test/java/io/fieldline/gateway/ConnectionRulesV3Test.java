package io.fieldline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.kafka.ProducerFactory;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 3.1.1 connect rules with Paho v3: client ids, keep-alive limit, connection limit. */
@Timeout(60)
class ConnectionRulesV3Test {
    private static Vertx vertx;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        gateway =
                GatewayTestSupport.start(
                        vertx,
                        GatewayTestSupport.limits(GatewayTestSupport.config(), 120, 2),
                        ProducerFactory.kafka());
    }

    @AfterAll
    static void stop() {
        GatewayTestSupport.stop(vertx, gateway);
    }

    private static int connectFails(String clientId, int keepAlive) throws Exception {
        MqttAsyncClient c =
                new MqttAsyncClient(
                        "tcp://127.0.0.1:" + gateway.mqttPort(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setKeepAliveInterval(keepAlive);
        o.setConnectionTimeout(10);
        try {
            c.connect(o).waitForCompletion(10_000);
            c.disconnectForcibly(1000, 1000);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            c.close(true);
        }
    }

    @Test
    void clientIdsWithTopicCharactersAreRejected() throws Exception {
        assertThat(connectFails("plant/line-1", 30))
                .isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID);
        assertThat(connectFails("sensor+1", 30))
                .isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID);
        assertThat(connectFails("sensor-1", 30)).isZero();
    }

    @Test
    void aKeepAliveAboveTheMaximumIsRefused() throws Exception {
        assertThat(connectFails("slow-pinger", 600))
                .isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE);
        assertThat(connectFails("no-pinger", 0))
                .isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE);
        assertThat(connectFails("ok-pinger", 120)).isZero();
    }

    @Test
    void theThirdConnectionIsRefusedWhenTwoAreAllowed() throws Exception {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.metrics().connectionCount() == 0);
        MqttAsyncClient a = GatewayTestSupport.connectV3(gateway, "conn-a");
        MqttAsyncClient b = GatewayTestSupport.connectV3(gateway, "conn-b");
        try {
            assertThatThrownBy(() -> GatewayTestSupport.connectV3(gateway, "conn-c"))
                    .isInstanceOfSatisfying(
                            MqttException.class,
                            e ->
                                    assertThat(e.getReasonCode())
                                            .isEqualTo(
                                                    MqttException.REASON_CODE_BROKER_UNAVAILABLE));
        } finally {
            a.disconnectForcibly(1000, 1000);
            b.disconnectForcibly(1000, 1000);
        }
    }
}
