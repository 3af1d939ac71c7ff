package io.fieldline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fieldline.proto.TopicSpec;
import io.fieldline.proto.Topics;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension static EmbeddedKafkaExtension cluster = new EmbeddedKafkaExtension();

    @Test
    void producedRecordsAreConsumedInOrderWithKeysAndValues() throws Exception {
        EmbeddedKafka kafka = cluster.kafka();
        kafka.createTopic("roundtrip", 1);
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (int i = 0; i < 5; i++) {
                send(producer, "roundtrip", "dev-" + i, "v" + i);
            }
        }

        List<ConsumerRecord<String, byte[]>> records =
                kafka.consume("roundtrip", 5, TIMEOUT, false);

        assertThat(records)
                .extracting(ConsumerRecord::key)
                .containsExactly("dev-0", "dev-1", "dev-2", "dev-3", "dev-4");
        assertThat(records)
                .extracting(EmbeddedKafkaTest::text)
                .containsExactly("v0", "v1", "v2", "v3", "v4");
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        EmbeddedKafka kafka = cluster.kafka();
        kafka.createTopic("tx", 1);
        try (KafkaProducer<String, byte[]> producer =
                kafka.producer(Map.of("transactional.id", "testkit-tx"))) {
            producer.initTransactions();
            inTransaction(producer, true, "committed-1", "committed-2");
            inTransaction(producer, false, "aborted-1", "aborted-2");
            inTransaction(producer, true, "committed-3");
        }

        assertThat(kafka.consume("tx", 3, TIMEOUT, true))
                .extracting(ConsumerRecord::key)
                .containsExactly("committed-1", "committed-2", "committed-3");
        // The aborted records really were written: a read_uncommitted reader sees all five.
        assertThat(kafka.consume("tx", 5, TIMEOUT, false))
                .extracting(ConsumerRecord::key)
                .containsExactly(
                        "committed-1", "committed-2", "aborted-1", "aborted-2", "committed-3");
    }

    @Test
    void fieldlineTopicsAreCreatedWithPartitionsAndCompactedRules() throws Exception {
        EmbeddedKafka kafka = cluster.kafka();
        kafka.createFieldlineTopics(3);
        kafka.createFieldlineTopics(3); // existing topics are left alone

        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();
        try (Admin admin = admin(kafka)) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsOnlyKeys(names);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
        }
        assertThat(kafka.topicConfig(Topics.RULES.name()))
                .containsEntry("cleanup.policy", "compact");
        assertThat(kafka.topicConfig(Topics.TELEMETRY.name()))
                .containsEntry("cleanup.policy", "delete");
    }

    @Test
    void groupConsumerStartsAtEarliestOffset() throws Exception {
        EmbeddedKafka kafka = cluster.kafka();
        kafka.createTopic("grouped", 2);
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            send(producer, "grouped", "a", "1");
            send(producer, "grouped", "b", "2");
        }
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("g1", false)) {
            consumer.subscribe(List.of("grouped"));
            await().atMost(TIMEOUT)
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(100))
                                        .forEach(r -> keys.add(r.key()));
                                return keys.size() >= 2;
                            });
        }
        assertThat(keys).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void consumeReturnsWhatArrivedWhenFewerRecordsThanExpected() throws Exception {
        EmbeddedKafka kafka = cluster.kafka();
        kafka.createTopic("short", 1);
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            send(producer, "short", "only", "1");
        }

        assertThat(kafka.consume("short", 2, Duration.ofSeconds(2), false))
                .extracting(ConsumerRecord::key)
                .containsExactly("only");
        assertThat(kafka.consume("no-such-topic", 1, Duration.ofSeconds(1), false)).isEmpty();
    }

    @Test
    void producerRecoversAfterBrokerRestartOnTheSamePort() throws Exception {
        EmbeddedKafka kafka = cluster.kafka();
        kafka.createTopic("outage", 1);
        String bootstrap = kafka.bootstrapServers();
        Map<String, Object> patient =
                Map.of("delivery.timeout.ms", 120_000, "max.block.ms", 120_000);
        try (KafkaProducer<String, byte[]> producer = kafka.producer(patient)) {
            send(producer, "outage", "before", "1");
            kafka.stopBroker();
            CompletableFuture<Void> during;
            try {
                assertThatThrownBy(() -> connect(bootstrap)).isInstanceOf(ConnectException.class);
                // send() itself may block (max.block.ms) once the producer has dropped the
                // topic's metadata during the outage, so it runs off the test thread.
                during = CompletableFuture.runAsync(() -> sendUnchecked(producer, "during"));
                assertThatThrownBy(() -> during.get(1, TimeUnit.SECONDS))
                        .isInstanceOf(TimeoutException.class);
            } finally {
                kafka.restartBroker();
            }
            during.get(60, TimeUnit.SECONDS);
            send(producer, "outage", "after", "3");
        }

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(kafka.consume("outage", 3, TIMEOUT, false))
                .extracting(ConsumerRecord::key)
                .containsExactly("before", "during", "after");
    }

    @Test
    void brokerListensOnLoopbackOnly() throws Exception {
        String bootstrap = cluster.bootstrapServers();
        assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        InetAddress otherLoopback = InetAddress.getByName("127.0.0.2");
        try (ServerSocket probe = new ServerSocket(0, 1, otherLoopback)) {
            Assumptions.assumeTrue(probe.isBound(), "127.0.0.2 is not usable here");
        } catch (java.io.IOException e) {
            Assumptions.abort("127.0.0.2 is not usable here: " + e);
        }
        // A wildcard-bound listener would accept on 127.0.0.2 as well.
        assertThatThrownBy(() -> connect("127.0.0.2:" + port)).isInstanceOf(ConnectException.class);
        connect(bootstrap);
    }

    private static void inTransaction(
            KafkaProducer<String, byte[]> producer, boolean commit, String... keys) {
        producer.beginTransaction();
        for (String key : keys) {
            producer.send(new ProducerRecord<>("tx", key, bytes(key)));
        }
        producer.flush();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }

    private static void sendUnchecked(KafkaProducer<String, byte[]> producer, String key) {
        try {
            send(producer, "outage", key, "2");
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, bytes(value))).get(30, TimeUnit.SECONDS);
    }

    static void connect(String hostPort) throws java.io.IOException {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(
                            hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1))),
                    2_000);
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
