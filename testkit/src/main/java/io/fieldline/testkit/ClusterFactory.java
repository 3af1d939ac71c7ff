package io.fieldline.testkit;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link KafkaClusterTestKit} for {@link EmbeddedKafka}: one combined controller+broker
 * node plus broker-only nodes, production metadata version, broker settings sized for tests, and
 * every listener bound to loopback.
 */
final class ClusterFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterFactory.class);

    /** IPv4 loopback literal: it needs no brackets in listener strings and matches the tests. */
    static final String LOOPBACK = "127.0.0.1";

    private ClusterFactory() {}

    static KafkaClusterTestKit build(int brokers, Path baseDir) throws Exception {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> features = new TreeMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            features.put(feature.featureName(), feature.defaultLevel(version));
        }
        TestKitNodes.Builder nodesBuilder =
                new TestKitNodes.Builder(
                                BootstrapMetadata.fromVersions(version, features, "fieldline"))
                        .setBootstrapMetadataVersion(version)
                        .setCombined(true)
                        .setNumControllerNodes(1)
                        .setNumBrokerNodes(brokers)
                        .setBaseDirectory(baseDir);
        TestKitNodes probe = nodesBuilder.build();
        nodesBuilder.setPerServerProperties(loopbackListeners(probe));
        TestKitNodes nodes = nodesBuilder.build();

        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        brokerConfig(brokers).forEach(builder::setConfigProp);
        prebindLoopback(builder, nodes);
        return builder.build();
    }

    /** Broker settings: small internal topics, no rebalance delay, Flink-friendly transactions. */
    static Map<String, Object> brokerConfig(int brokers) {
        String rf = Integer.toString(Math.min(3, brokers));
        String minIsr = Integer.toString(Math.min(2, brokers));
        Map<String, Object> config = new HashMap<>();
        config.put("offsets.topic.replication.factor", rf);
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", rf);
        config.put("transaction.state.log.min.isr", minIsr);
        config.put("transaction.state.log.num.partitions", "3");
        config.put("share.coordinator.state.topic.replication.factor", rf);
        config.put("share.coordinator.state.topic.min.isr", minIsr);
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("default.replication.factor", rf);
        config.put("num.partitions", "1");
        // Flink's exactly-once sink defaults to a 1 h transaction timeout; the broker's default
        // maximum is 15 min, which would make every Flink job fail at start-up.
        config.put("transaction.max.timeout.ms", "3600000");
        return config;
    }

    private static Map<Integer, Map<String, String>> loopbackListeners(TestKitNodes nodes) {
        String broker = nodes.brokerListenerName().value();
        String controller = nodes.controllerListenerName().value();
        Map<Integer, Map<String, String>> perServer = new HashMap<>();
        for (int id : nodes.brokerNodes().keySet()) {
            String listeners =
                    nodes.isCombined(id)
                            ? listener(broker) + "," + listener(controller)
                            : listener(broker);
            perServer.put(id, Map.of("listeners", listeners));
        }
        return perServer;
    }

    private static String listener(String name) {
        return name + "://" + LOOPBACK + ":0";
    }

    /**
     * The test kit pre-binds every listener port on the wildcard address before start-up (so ports
     * survive a broker restart). We hand it sockets bound to loopback instead, so nothing listens
     * on external interfaces; if its internals ever change we fall back to its own binding.
     */
    @SuppressWarnings("unchecked")
    private static void prebindLoopback(KafkaClusterTestKit.Builder builder, TestKitNodes nodes) {
        try {
            Object manager = readField(builder, "socketFactoryManager");
            Map<Integer, Map<String, ServerSocketChannel>> sockets =
                    (Map<Integer, Map<String, ServerSocketChannel>>) readField(manager, "sockets");
            for (int id : nodes.brokerNodes().keySet()) {
                Map<String, ServerSocketChannel> forNode =
                        sockets.computeIfAbsent(id, k -> new HashMap<>());
                forNode.put(nodes.brokerListenerName().value(), bindLoopback());
                if (nodes.isCombined(id)) {
                    forNode.put(nodes.controllerListenerName().value(), bindLoopback());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            LOG.warn("Could not pre-bind Kafka listeners to loopback; using test kit defaults", e);
        }
    }

    private static Object readField(Object target, String name)
            throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    private static ServerSocketChannel bindLoopback() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        // Same set-up as Kafka's own ServerSocketFactory: the acceptor needs a non-blocking
        // channel.
        channel.configureBlocking(false);
        channel.socket().setReuseAddress(true);
        channel.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
        return channel;
    }
}
