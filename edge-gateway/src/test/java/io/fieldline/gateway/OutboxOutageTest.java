package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.config.GatewayConfig.KafkaSettings;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.outbox.FsyncPolicy;
import io.fieldline.gateway.outbox.OverflowPolicy;
import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway with the disk outbox on, against its own embedded Kafka that the test stops: QoS 1
 * publishes (real Paho) are acknowledged while Kafka is down, and every acknowledged reading is in
 * Kafka once it is back — also when the gateway was closed during the outage and a new one started
 * on the same outbox directory. Duplicates are counted by (device, seq) and logged.
 */
@Timeout(120)
class OutboxOutageTest {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxOutageTest.class);
    private static final long T0 = System.currentTimeMillis();
    private static EmbeddedKafka kafka;
    private final List<Gateway> gateways = new ArrayList<>();
    private Vertx vertx;

    @TempDir Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        kafka.createFieldlineTopics(2);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @AfterEach
    void stopGateways() {
        for (Gateway g : gateways) {
            g.close(Duration.ofSeconds(2)).await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private Gateway startGateway() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        GatewayConfig base = GatewayTestSupport.config();
        KafkaSettings k = base.kafka();
        GatewayConfig c =
                base.withKafka(
                                new KafkaSettings(
                                        kafka.bootstrapServers(),
                                        k.sendQueueCapacity(),
                                        3_000,
                                        k.lingerMs(),
                                        k.batchBytes(),
                                        k.compression()))
                        .withOutbox(
                                new GatewayConfig.OutboxSettings(
                                        true,
                                        dir.resolve("outbox").toString(),
                                        64L << 20,
                                        FsyncPolicy.EVERY_BATCH,
                                        1000,
                                        OverflowPolicy.REJECT_NEW,
                                        20_000));
        Gateway g = GatewayTestSupport.start(vertx, c, ProducerFactory.kafka());
        gateways.add(g);
        return g;
    }

    @Test
    void publishesAreAcknowledgedDuringOutageAndAllArriveAfterIt() throws Exception {
        Gateway gateway = startGateway();
        await().atMost(Duration.ofSeconds(30)).until(gateway::ready);
        List<String> devices = List.of(newDevice("out"), newDevice("out"), newDevice("out"));
        publish(gateway, devices, 1, 50); // Kafka up
        kafka.stopBroker();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "Kafka unreachable".equals(gateway.notReadyReason()));
            publish(gateway, devices, 51, 250); // Kafka down: every PUBACK must still arrive
            String metrics = gateway.metrics().scrape();
            assertThat(metrics).contains("fieldline_gateway_outbox_oldest_unsent_age_seconds");
            assertThat(metrics).contains("fieldline_gateway_outbox_dropped_oldest");
            assertThat(
                            gateway.metrics()
                                    .registry()
                                    .get("fieldline.gateway.outbox.pending.records")
                                    .gauge()
                                    .value())
                    .isGreaterThanOrEqualTo(1);
            HttpResponse<String> ready =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + gateway.httpPort()
                                                                    + "/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("NOT READY: Kafka unreachable\n");
        } finally {
            kafka.restartBroker();
        }
        long duplicates = assertAllArrived(devices, 250);
        LOG.info("outage test: 750 readings acknowledged, duplicates in Kafka = {}", duplicates);
    }

    @Test
    void aNewGatewayOnTheSameDirectorySendsWhatTheClosedOneHeld() throws Exception {
        Gateway first = startGateway();
        await().atMost(Duration.ofSeconds(30)).until(first::ready);
        List<String> devices = List.of(newDevice("restart"), newDevice("restart"));
        kafka.stopBroker();
        try {
            publish(first, devices, 1, 200);
            gateways.remove(first);
            first.close(Duration.ofSeconds(2)).await();
        } finally {
            kafka.restartBroker();
        }
        startGateway();
        long duplicates = assertAllArrived(devices, 200);
        LOG.info("restart test: 400 readings acknowledged, duplicates in Kafka = {}", duplicates);
    }

    /** Publishes seq from..to for every device at QoS 1 and waits for every PUBACK. */
    private static void publish(Gateway gateway, List<String> devices, int from, int to)
            throws Exception {
        for (String device : devices) {
            MqttAsyncClient client = connect(gateway, device + "-" + from);
            try {
                List<IMqttDeliveryToken> tokens = new ArrayList<>();
                for (int seq = from; seq <= to; seq++) {
                    tokens.add(
                            client.publish(
                                    topicOf(device),
                                    json(T0 + seq, seq, "\"t\":" + seq),
                                    1,
                                    false));
                    if (tokens.size() == 16) {
                        for (IMqttDeliveryToken t : tokens) {
                            t.waitForCompletion(10_000);
                        }
                        tokens.clear();
                    }
                }
                for (IMqttDeliveryToken t : tokens) {
                    t.waitForCompletion(10_000);
                }
            } finally {
                client.disconnect().waitForCompletion(5_000);
                client.close();
            }
        }
    }

    // Paho frees an in-flight slot slightly after the token completes: a window well above the
    // batch size below avoids its "too many publishes in progress".
    private static MqttAsyncClient connect(Gateway gateway, String clientId) throws Exception {
        MqttAsyncClient c =
                new MqttAsyncClient(
                        "tcp://127.0.0.1:" + gateway.mqttPort(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(100);
        o.setConnectionTimeout(10);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    /** Every (device, seq 1..perDevice) is in Kafka; returns how many extra copies there are. */
    private static long assertAllArrived(List<String> devices, int perDevice) throws Exception {
        List<String> want = new ArrayList<>();
        for (String d : devices) {
            for (int seq = 1; seq <= perDevice; seq++) {
                want.add(TelemetryCopies.key(d, seq));
            }
        }
        TelemetryCopies read = new TelemetryCopies(kafka);
        try {
            read.readUntilAll(want, Duration.ofSeconds(60));
            Map<String, Integer> mine = new HashMap<>();
            read.copies()
                    .forEach(
                            (k, n) -> {
                                if (devices.contains(k.substring(0, k.lastIndexOf('#')))) {
                                    mine.put(k, n);
                                }
                            });
            assertThat(mine.keySet()).containsExactlyInAnyOrderElementsOf(want);
            return mine.values().stream().mapToLong(n -> n - 1).sum();
        } finally {
            read.close();
        }
    }
}
