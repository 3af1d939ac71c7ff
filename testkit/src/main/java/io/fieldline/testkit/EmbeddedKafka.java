package io.fieldline.testkit;

import io.fieldline.proto.TopicSpec;
import io.fieldline.proto.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka 4.2 KRaft cluster running inside this JVM, on loopback with OS-chosen ports,
 * for tests and the local demo. Built on Kafka's own {@link KafkaClusterTestKit}; brokers can be
 * stopped and restarted on the same port to simulate an outage. Closing it deletes its data.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaClusterTestKit cluster;
    private final Path baseDir;
    private final int brokers;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path baseDir, int brokers) {
        this.cluster = cluster;
        this.baseDir = baseDir;
        this.brokers = brokers;
        ListenerName listener =
                ListenerName.normalised(cluster.nodes().brokerListenerName().value());
        this.bootstrapServers =
                cluster.brokers().values().stream()
                        .map(b -> ClusterFactory.LOOPBACK + ":" + b.boundPort(listener))
                        .collect(Collectors.joining(","));
    }

    /** Starts a single-broker cluster (one combined controller+broker node). */
    public static EmbeddedKafka start() {
        return start(1);
    }

    /** Starts a cluster with {@code brokers} brokers; the first one is also the controller. */
    public static EmbeddedKafka start(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers must be >= 1, was " + brokers);
        }
        KafkaLogLevels.quiet();
        long startNanos = System.nanoTime();
        Path baseDir = null;
        KafkaClusterTestKit cluster = null;
        try {
            baseDir = Files.createTempDirectory("fieldline-kafka-");
            cluster = ClusterFactory.build(brokers, baseDir);
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, baseDir, brokers);
            LOG.info(
                    "Embedded Kafka ({} broker(s)) at {} started in {} ms",
                    brokers,
                    kafka.bootstrapServers,
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            return kafka;
        } catch (Exception e) {
            closeQuietly(cluster);
            deleteQuietly(baseDir);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Embedded Kafka failed to start", e);
        }
    }

    /** {@code host:port[,host:port]} of the brokers; stable across stop/restart. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The temporary directory holding the cluster's logs and metadata (deleted by close). */
    Path dataDirectory() {
        return baseDir;
    }

    /** Number of brokers in the cluster. */
    public int brokerCount() {
        return brokers;
    }

    /** Creates a topic (no-op if it exists) and returns once every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Like {@link #createTopic(String, int)}, with topic-level configs. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createAll(List.of(newTopic(name, partitions, configs)));
    }

    /** Creates the given Fieldline topics; compacted specs get {@code cleanup.policy=compact}. */
    public void createTopics(int partitions, TopicSpec<?>... specs) {
        createAll(
                Arrays.stream(specs)
                        .map(
                                s ->
                                        newTopic(
                                                s.name(),
                                                partitions,
                                                s.compacted()
                                                        ? Map.of("cleanup.policy", "compact")
                                                        : Map.of()))
                        .toList());
    }

    /** Creates every topic of {@link Topics#all()}. */
    public void createFieldlineTopics(int partitions) {
        createTopics(partitions, Topics.all().toArray(TopicSpec<?>[]::new));
    }

    /** The effective configuration of a topic, broker defaults included. */
    public Map<String, String> topicConfig(String topic) {
        return TopicAdmin.with(bootstrapServers, t -> t.config(topic));
    }

    /** A producer with String keys and byte[] values, {@code acks=all}; the caller closes it. */
    public KafkaProducer<String, byte[]> producer() {
        return producer(Map.of());
    }

    /** A producer with extra settings (e.g. {@code transactional.id}); the caller closes it. */
    public KafkaProducer<String, byte[]> producer(Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(overrides);
        return new KafkaProducer<>(props);
    }

    /** A group consumer starting at the earliest offset; the caller subscribes and closes it. */
    public KafkaConsumer<String, byte[]> consumer(String group, boolean readCommitted) {
        Properties props = RecordCollector.props(bootstrapServers, readCommitted);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return new KafkaConsumer<>(props);
    }

    /**
     * Reads {@code topic} from the beginning of every partition until at least {@code
     * expectedCount} records arrived or {@code timeout} passed. Never throws on timeout: it returns
     * whatever arrived, which may be fewer records (or more, if extra ones came in the same poll),
     * so the caller asserts the exact count. Uses no consumer group and commits nothing.
     */
    public List<ConsumerRecord<String, byte[]>> consume(
            String topic, int expectedCount, Duration timeout, boolean readCommitted) {
        return RecordCollector.collect(
                bootstrapServers, topic, expectedCount, timeout, readCommitted);
    }

    /** Stops every broker (controllers keep running); clients see connection refused. */
    public synchronized void stopBroker() {
        BrokerOutage.stop(cluster);
        LOG.info("Embedded Kafka brokers stopped; {} is unreachable", bootstrapServers);
    }

    /** Starts the brokers again on the same ports; returns once every partition has a leader. */
    public synchronized void restartBroker() {
        BrokerOutage.restart(cluster, bootstrapServers);
        LOG.info("Embedded Kafka brokers restarted at {}", bootstrapServers);
    }

    /** Stops the cluster and deletes its data directory. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(cluster);
        deleteQuietly(baseDir);
    }

    private void createAll(List<NewTopic> newTopics) {
        TopicAdmin.with(
                bootstrapServers,
                t -> {
                    t.create(newTopics);
                    return null;
                });
    }

    private NewTopic newTopic(String name, int partitions, Map<String, String> configs) {
        short replication = (short) Math.min(3, brokers);
        return new NewTopic(name, partitions, replication).configs(configs);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            // The test kit re-throws any fault it recorded while running (e.g. during a broker
            // restart); by now the cluster is down, so report it rather than fail the caller.
            LOG.warn("Embedded Kafka reported an error while shutting down", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", dir, e);
        }
    }
}
