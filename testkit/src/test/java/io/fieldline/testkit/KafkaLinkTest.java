package io.fieldline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link KafkaLink}: a real network cut for one Kafka client while the others keep working. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaLinkTest {
    private static final String TOPIC = "uplink";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Short timeouts so a send over a cut link fails within seconds. */
    private static final Map<String, Object> IMPATIENT =
            Map.of(
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100,
                    ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);

    private EmbeddedKafka kafka;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void startKafka() {
        kafka = EmbeddedKafka.startWithLinks("gateway-a", "gateway-b");
        kafka.createTopic(TOPIC, 1);
    }

    @AfterEach
    void closeEverything() {
        try {
            for (AutoCloseable client : clients) {
                try {
                    client.close();
                } catch (Exception e) {
                    // Closing after the test; the cluster goes next anyway.
                }
            }
        } finally {
            clients.clear();
            kafka.close();
        }
    }

    @Test
    void cutLinkFailsOnlyItsClientAndRestoreLetsItSendAgain() throws Exception {
        KafkaLink linkA = kafka.link("gateway-a");
        KafkaLink linkB = kafka.link("gateway-b");
        assertThat(linkA.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(linkA.bootstrapServers())
                .isNotEqualTo(linkB.bootstrapServers())
                .isNotEqualTo(kafka.bootstrapServers());
        // The point of a link: metadata fetched through it names the proxy, not the broker port,
        // so the client makes every connection through the proxy.
        assertThat(advertisedBrokers(linkA.bootstrapServers()))
                .containsExactly(linkA.bootstrapServers());
        assertThat(advertisedBrokers(kafka.bootstrapServers()))
                .containsExactly(kafka.bootstrapServers());

        KafkaProducer<String, byte[]> onLinkA = producer(linkA.bootstrapServers());
        KafkaProducer<String, byte[]> onLinkB = producer(linkB.bootstrapServers());
        KafkaProducer<String, byte[]> onBroker = producer(kafka.bootstrapServers());
        List<String> acked = new ArrayList<>();

        acked.add(send(onLinkA, "a-before"));
        acked.add(send(onLinkB, "b-before"));
        acked.add(send(onBroker, "main-before"));
        assertThat(linkA.openConnections()).isPositive();

        linkA.cut();
        assertThat(linkA.isCut()).isTrue();
        assertThat(linkB.isCut()).isFalse();
        assertThat(linkA.openConnections()).isZero();

        List<String> sentWhileCut = List.of("a-cut-0", "a-cut-1", "a-cut-2");
        List<Future<RecordMetadata>> whileCut = new ArrayList<>();
        for (String value : sentWhileCut) {
            // Metadata is cached, so send() returns at once; the future fails after
            // delivery.timeout.ms.
            whileCut.add(onLinkA.send(record(value)));
        }
        // Meanwhile the other clients of the same broker keep working.
        for (int i = 0; i < 3; i++) {
            acked.add(send(onBroker, "main-cut-" + i));
            acked.add(send(onLinkB, "b-cut-" + i));
        }
        for (Future<RecordMetadata> future : whileCut) {
            assertThatThrownBy(() -> future.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
        // Still cut: a fresh send fails too.
        assertThatThrownBy(() -> send(onLinkA, "a-cut-3"))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        acked.add(send(onBroker, "main-cut-3"));

        linkA.restore();
        assertThat(linkA.isCut()).isFalse();
        List<String> afterAttempts = new ArrayList<>();
        acked.add(sendUntilAcked(onLinkA, "a-after", afterAttempts));
        acked.add(send(onLinkA, "a-after-again"));
        acked.add(send(onBroker, "main-after"));
        assertThat(linkA.openConnections()).isPositive();

        List<String> read =
                kafka.consume(TOPIC, acked.size(), WAIT, false).stream()
                        .map(KafkaLinkTest::text)
                        .toList();
        assertThat(read).containsAll(acked);
        // Nothing sent while the link was cut reached the broker.
        assertThat(read).doesNotContainAnyElementsOf(sentWhileCut).doesNotContain("a-cut-3");
        // And nothing else: every record read was acknowledged, or was a retry after restore.
        List<String> allowed = new ArrayList<>(acked);
        allowed.addAll(afterAttempts);
        assertThat(allowed).containsAll(read);
    }

    @Test
    void linkWorksAgainAfterBrokerRestart() throws Exception {
        KafkaLink link = kafka.link("gateway-a");
        KafkaProducer<String, byte[]> onLink = producer(link.bootstrapServers());
        List<String> acked = new ArrayList<>();
        acked.add(send(onLink, "before"));

        kafka.stopBroker();
        try {
            assertThatThrownBy(() -> send(onLink, "down"))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        } finally {
            kafka.restartBroker();
        }

        List<String> attempts = new ArrayList<>();
        acked.add(sendUntilAcked(onLink, "after", attempts));
        assertThat(advertisedBrokers(link.bootstrapServers()))
                .containsExactly(link.bootstrapServers());

        List<String> read =
                kafka.consume(TOPIC, acked.size(), WAIT, false).stream()
                        .map(KafkaLinkTest::text)
                        .toList();
        assertThat(read).containsAll(acked).doesNotContain("down");
    }

    @Test
    void rejectsUnknownAndMalformedLinkNames() {
        assertThatThrownBy(() -> kafka.link("gateway-c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway-a");
        assertThat(kafka.links())
                .extracting(KafkaLink::name)
                .containsExactly("gateway-a", "gateway-b");
        assertThat(kafka.link("gateway-a").listenerName()).isEqualTo("LINK_GATEWAY_A");
        assertThatThrownBy(EmbeddedKafka::startWithLinks)
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafka.startWithLinks("bad name"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafka.startWithLinks("gw-1", "GW_1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clashes");
    }

    private KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(IMPATIENT);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        KafkaProducer<String, byte[]> producer = kafka.producer(config);
        clients.add(producer);
        return producer;
    }

    /** Sends one record and waits (bounded) for its acknowledgement; returns its value. */
    private static String send(KafkaProducer<String, byte[]> producer, String value)
            throws Exception {
        producer.send(record(value)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return value;
    }

    /**
     * Right after a restore the client may still be in reconnect backoff: retries with fresh values
     * (recorded in {@code attempts}) until one is acknowledged or {@link #WAIT} passed.
     */
    private static String sendUntilAcked(
            KafkaProducer<String, byte[]> producer, String prefix, List<String> attempts)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ExecutionException last = null;
        while (System.nanoTime() < deadline) {
            String value = prefix + "-" + attempts.size();
            attempts.add(value);
            try {
                return send(producer, value);
            } catch (ExecutionException e) {
                last = e;
            }
        }
        throw new AssertionError("no send acknowledged within " + WAIT, last);
    }

    /** {@code host:port} of every broker as the metadata fetched via {@code bootstrap} names it. */
    private static Collection<String> advertisedBrokers(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster().nodes().get(WAIT.toSeconds(), TimeUnit.SECONDS).stream()
                    .map(n -> n.host() + ":" + n.port())
                    .toList();
        }
    }

    private static ProducerRecord<String, byte[]> record(String value) {
        return new ProducerRecord<>(TOPIC, value, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
