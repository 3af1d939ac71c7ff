package io.fieldline.testkit;

import io.fieldline.proto.TopicSpec;
import io.fieldline.proto.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
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
 *
 * <p>To cut the network link of <em>one</em> client while the others keep working, start it with
 * {@link #startWithLinks(String...)} and give that client {@link #link(String)}'s bootstrap
 * address; see {@link KafkaLink}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final KafkaClusterTestKit cluster;
    private final Path baseDir;
    private final int brokers;
    private final String bootstrapServers;
    private final Map<String, KafkaLink> links;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(
            KafkaClusterTestKit cluster, Path baseDir, int brokers, Map<String, KafkaLink> links) {
        this.cluster = cluster;
        this.baseDir = baseDir;
        this.brokers = brokers;
        this.links = links;
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
        return start(brokers, Map.of());
    }

    /**
     * Starts a single-broker cluster with one extra network link per name, for tests (and the local
     * demo) that must cut <em>one</em> client's connection to Kafka, e.g. an edge gateway losing
     * its uplink, while every other client of the same broker keeps working. A {@link TcpProxy} on
     * the normal bootstrap address cannot do that: Kafka clients reconnect to the broker's
     * advertised address and bypass it.
     *
     * <p>Each link is an extra broker listener, bound on 127.0.0.1 to its own port and advertised
     * as the address of its own {@link TcpProxy}, which forwards to that port. A client
     * bootstrapped on {@code link(name).bootstrapServers()} is sent to the proxy for every
     * connection, so {@link KafkaLink#cut()} really cuts it and {@link KafkaLink#restore()} lets it
     * reconnect. {@link #bootstrapServers()} (the normal listener, also the inter-broker one) and
     * everything else behave as with {@link #start()}. The links are closed with the cluster.
     *
     * @param linkNames distinct names of letters, digits, {@code _} and {@code -}, distinct also
     *     ignoring case and treating {@code -} as {@code _} (they become listener names {@code
     *     LINK_<NAME>}); at least one
     * @throws IllegalArgumentException for no names, a blank, malformed or duplicate name
     */
    public static EmbeddedKafka startWithLinks(String... linkNames) {
        return start(1, linkListeners(linkNames));
    }

    /**
     * The link started under {@code name} by {@link #startWithLinks(String...)}.
     *
     * @throws IllegalArgumentException if there is no such link
     */
    public KafkaLink link(String name) {
        KafkaLink link = links.get(name);
        if (link == null) {
            throw new IllegalArgumentException(
                    "No Kafka link named '" + name + "'; links: " + links.keySet());
        }
        return link;
    }

    /** The links in the order they were named; empty unless started with links. */
    public List<KafkaLink> links() {
        return List.copyOf(links.values());
    }

    /** Link name -> listener name, in order; validates the names. */
    private static Map<String, String> linkListeners(String... linkNames) {
        if (linkNames == null || linkNames.length == 0) {
            throw new IllegalArgumentException("at least one link name is required");
        }
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String name : linkNames) {
            if (name == null || !LINK_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "link name must match " + LINK_NAME.pattern() + ", was '" + name + "'");
            }
            String listener = "LINK_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
            if (listeners.containsValue(listener)) {
                throw new IllegalArgumentException(
                        "link name '"
                                + name
                                + "' clashes with another one (listener "
                                + listener
                                + ")");
            }
            listeners.put(name, listener);
        }
        return listeners;
    }

    private static EmbeddedKafka start(int brokers, Map<String, String> linkListeners) {
        KafkaLogLevels.quiet();
        long startNanos = System.nanoTime();
        Path baseDir = null;
        KafkaClusterTestKit cluster = null;
        Map<String, KafkaLink> links = new LinkedHashMap<>();
        try {
            baseDir = Files.createTempDirectory("fieldline-kafka-");
            ClusterFactory.Built built =
                    ClusterFactory.build(brokers, baseDir, List.copyOf(linkListeners.values()));
            cluster = built.cluster();
            linkListeners.forEach(
                    (name, listener) ->
                            links.put(
                                    name,
                                    new KafkaLink(
                                            name, listener, built.linkProxies().get(listener))));
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, baseDir, brokers, links);
            LOG.info(
                    "Embedded Kafka ({} broker(s)) at {}{} started in {} ms",
                    brokers,
                    kafka.bootstrapServers,
                    links.isEmpty() ? "" : " with links " + links.values(),
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
            return kafka;
        } catch (Exception e) {
            closeQuietly(cluster);
            links.values().forEach(KafkaLink::close);
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

    /**
     * Stops every broker (controllers keep running); clients see connection refused (clients on a
     * {@link KafkaLink} see their connection accepted by the proxy and closed at once).
     */
    public synchronized void stopBroker() {
        BrokerOutage.stop(cluster);
        LOG.info("Embedded Kafka brokers stopped; {} is unreachable", bootstrapServers);
    }

    /**
     * Starts the brokers again on the same ports (link listeners too, so links work again unless
     * cut); returns once every partition has a leader.
     */
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
        links.values().forEach(KafkaLink::close);
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
