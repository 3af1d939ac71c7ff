package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.GatewayTestSupport.telemetryOf;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.config.GatewayConfig.BridgeSettings;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.proto.Telemetry;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridge mode against a real broker we did not write (Moquette 0.17, in process): devices publish
 * to the broker, the gateway subscribes with a persistent session and forwards to Kafka.
 */
@Timeout(90)
class BridgeModeTest {
    private static final long NOW = System.currentTimeMillis();
    @TempDir Path data;
    private final Vertx vertx = Vertx.vertx();
    private Server broker;
    private int brokerPort;
    private Gateway gateway;

    @BeforeEach
    void startBroker() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            brokerPort = s.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", String.valueOf(brokerPort));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("persistence_enabled", "true");
        p.setProperty("data_path", data.toString());
        broker = new Server();
        broker.startServer(new MemoryConfig(p));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close(Duration.ofSeconds(5)).await();
        }
        vertx.close().await();
        broker.stopServer();
    }

    private MqttAsyncClient device(String id) throws Exception {
        MqttAsyncClient c =
                new MqttAsyncClient("tcp://127.0.0.1:" + brokerPort, id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private void startGateway(String shareGroup) {
        startGateway(shareGroup, "gw-bridge-" + System.nanoTime());
    }

    private void startGateway(String shareGroup, String clientId) {
        gateway =
                GatewayTestSupport.start(
                        vertx,
                        GatewayTestSupport.config()
                                .withBridge(
                                        new BridgeSettings(
                                                "127.0.0.1",
                                                brokerPort,
                                                clientId,
                                                "fieldline/+/telemetry",
                                                shareGroup)),
                        ProducerFactory.kafka());
    }

    @Test
    void readingsPublishedToTheSiteBrokerReachKafka() throws Exception {
        startGateway("");
        assertThat(gateway.mqttPort()).isEqualTo(-1);
        String device = newDevice("bridged");
        MqttAsyncClient c = device(device);
        try {
            for (int i = 1; i <= 5; i++) {
                c.publish(topicOf(device), json(NOW + i, i, "\"t\":" + i), 1, false)
                        .waitForCompletion(10_000);
            }
            c.publish(topicOf(device), "not json".getBytes(), 1, false).waitForCompletion(10_000);
        } finally {
            c.disconnectForcibly(1000, 1000);
        }
        assertThat(telemetryOf(device, 5))
                .extracting(Telemetry::getSeq)
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.metrics().deadLetteredCount() == 1);
        assertThat(gateway.ready()).isTrue();
    }

    @Test
    void thePersistentSessionKeepsReadingsPublishedWhileTheGatewayWasDown() throws Exception {
        startGateway("", "gw-bridge-persistent");
        gateway.close(Duration.ofSeconds(5)).await();
        gateway = null;
        String device = newDevice("offline");
        MqttAsyncClient c = device(device);
        try {
            for (int i = 1; i <= 3; i++) {
                c.publish(topicOf(device), json(NOW + i, i, "\"t\":" + i), 1, false)
                        .waitForCompletion(10_000);
            }
        } finally {
            c.disconnectForcibly(1000, 1000);
        }
        startGateway("", "gw-bridge-persistent");
        assertThat(telemetryOf(device, 3))
                .extracting(Telemetry::getSeq)
                .containsExactlyInAnyOrder(1L, 2L, 3L);
    }
}
