package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.outbox.FsyncPolicy;
import io.fieldline.gateway.outbox.OverflowPolicy;
import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway JVM with the outbox on is killed with SIGKILL ({@code destroyForcibly}) while a Paho
 * client publishes at QoS 1; a new gateway on the same outbox directory then sends what was left.
 * Every PUBACKed (device, seq) must be in Kafka; duplicates are counted and logged.
 */
@Timeout(120)
class GatewayKillNineTest {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayKillNineTest.class);
    private static final String DEVICE = "k9-" + Long.toHexString(System.nanoTime());

    @TempDir Path dir;

    @Test
    void everyAcknowledgedReadingArrivesAfterKillNine() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createFieldlineTopics(2);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process child = startChild(kafka.bootstrapServers(), port);
            Set<Long> acked = ConcurrentHashMap.newKeySet();
            try {
                MqttAsyncClient client =
                        await().atMost(Duration.ofSeconds(60))
                                .ignoreExceptions()
                                .until(() -> connect(port), c -> c != null);
                CompletableFuture<Void> load =
                        CompletableFuture.runAsync(() -> publish(client, acked));
                await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= 300);
                child.destroyForcibly().waitFor();
                load.handle((v, e) -> null).join();
                client.close(true);
            } finally {
                child.destroyForcibly().waitFor();
            }
            Vertx vertx = Vertx.vertx();
            GatewayConfig c = GatewayTestSupport.config().withKafka(kafka.bootstrapServers());
            c = c.withOutbox(settings(c));
            Gateway restarted = GatewayTestSupport.start(vertx, c, ProducerFactory.kafka());
            try {
                List<String> want =
                        acked.stream().map(q -> TelemetryCopies.key(DEVICE, q)).toList();
                TelemetryCopies read = new TelemetryCopies(kafka);
                try {
                    read.readUntilAll(want, Duration.ofSeconds(60));
                    assertThat(read.copies().keySet()).containsAll(want);
                    LOG.info(
                            "kill -9 test: {} readings acknowledged before the kill, {} distinct in Kafka, duplicates = {}",
                            acked.size(),
                            read.copies().size(),
                            read.duplicates());
                } finally {
                    read.close();
                }
            } finally {
                GatewayTestSupport.stop(vertx, restarted);
            }
        }
    }

    private GatewayConfig.OutboxSettings settings(GatewayConfig c) {
        return new GatewayConfig.OutboxSettings(
                true,
                dir.resolve("outbox").toString(),
                64L << 20,
                FsyncPolicy.EVERY_BATCH,
                1000,
                OverflowPolicy.REJECT_NEW,
                20_000);
    }

    private Process startChild(String bootstrap, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd =
                List.of(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        GatewayMain.class.getName(),
                        "--mqtt.host",
                        "127.0.0.1",
                        "--mqtt.port",
                        "" + port,
                        "--http.enabled",
                        "false",
                        "--kafka.bootstrap",
                        bootstrap,
                        "--outbox.enabled",
                        "true",
                        "--outbox.dir",
                        dir.resolve("outbox").toString());
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
    }

    private static MqttAsyncClient connect(int port) throws Exception {
        MqttAsyncClient c =
                new MqttAsyncClient("tcp://127.0.0.1:" + port, DEVICE, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(100);
        o.setConnectionTimeout(5);
        c.connect(o).waitForCompletion(5_000);
        return c;
    }

    /** Publishes seq 1.. in batches of 16 until the connection dies; records PUBACKed seqs. */
    private static void publish(MqttAsyncClient client, Set<Long> acked) {
        long t0 = System.currentTimeMillis();
        try {
            for (long seq = 1; seq < 1_000_000; seq += 16) {
                List<IMqttDeliveryToken> tokens = new ArrayList<>();
                for (long s = seq; s < seq + 16; s++) {
                    tokens.add(
                            client.publish(topicOf(DEVICE), json(t0 + s, s, "\"t\":1"), 1, false));
                }
                for (int i = 0; i < tokens.size(); i++) {
                    tokens.get(i).waitForCompletion(10_000);
                    if (tokens.get(i).getException() == null) {
                        acked.add(seq + i);
                    }
                }
            }
        } catch (Exception e) {
            // the gateway was killed: stop publishing
        }
    }
}
