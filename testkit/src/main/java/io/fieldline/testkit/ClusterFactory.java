package io.fieldline.testkit;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.security.auth.SecurityProtocol;
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
 * every listener bound to loopback. Optionally extra "link" listeners, each advertised as its own
 * {@link TcpProxy} (see {@link EmbeddedKafka#startWithLinks(String...)}).
 */
final class ClusterFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterFactory.class);

    /** IPv4 loopback literal: it needs no brackets in listener strings and matches the tests. */
    static final String LOOPBACK = "127.0.0.1";

    private ClusterFactory() {}

    static KafkaClusterTestKit build(int brokers, Path baseDir) throws Exception {
        return build(brokers, baseDir, List.of()).cluster();
    }

    /**
     * A cluster plus, per extra listener name in {@code linkListeners}, one {@link TcpProxy} per
     * broker (in broker id order). Each extra listener is bound on loopback to its own pre-bound
     * port and advertised as the address of its proxy, which forwards to that port; the broker
     * listener stays the inter-broker listener and is advertised as before.
     */
    record Built(KafkaClusterTestKit cluster, Map<String, List<TcpProxy>> linkProxies) {}

    static Built build(int brokers, Path baseDir, List<String> linkListeners) throws Exception {
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
        // node id -> listener name -> socket, for the link listeners only.
        Map<Integer, Map<String, ServerSocketChannel>> linkSockets = new HashMap<>();
        // listener name -> node id -> proxy forwarding to that node's socket.
        Map<String, SortedMap<Integer, TcpProxy>> linkProxies = new LinkedHashMap<>();
        boolean handedOver = false;
        try {
            for (String link : linkListeners) {
                for (int id : probe.brokerNodes().keySet()) {
                    ServerSocketChannel socket = bindLoopback();
                    linkSockets.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(link, socket);
                    linkProxies
                            .computeIfAbsent(link, k -> new TreeMap<>())
                            .put(id, TcpProxy.start(LOOPBACK, socket.socket().getLocalPort()));
                }
            }
            nodesBuilder.setPerServerProperties(listenerConfig(probe, linkSockets, linkProxies));
            TestKitNodes nodes = nodesBuilder.build();

            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            brokerConfig(brokers).forEach(builder::setConfigProp);
            boolean prebound = prebindLoopback(builder, nodes, linkSockets);
            if (!prebound && !linkListeners.isEmpty()) {
                throw new IllegalStateException(
                        "Kafka links need the loopback pre-binding, which failed (see warning)");
            }
            handedOver = true; // the test kit's socket manager owns (and closes) them now
            KafkaClusterTestKit cluster = builder.build();
            Map<String, List<TcpProxy>> proxies = new LinkedHashMap<>();
            linkProxies.forEach((link, byNode) -> proxies.put(link, List.copyOf(byNode.values())));
            return new Built(cluster, proxies);
        } catch (Exception | Error e) {
            if (!handedOver) {
                linkSockets.values().forEach(m -> m.values().forEach(ClusterFactory::closeQuietly));
            }
            linkProxies.values().forEach(byNode -> byNode.values().forEach(TcpProxy::close));
            throw e;
        }
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

    /**
     * Per-server {@code listeners} on loopback. With links, also {@code advertised.listeners} (the
     * broker listener keeps its bound port, each link listener advertises its proxy) and a {@code
     * listener.security.protocol.map} that names the link listeners (PLAINTEXT). The test kit sets
     * the inter-broker and controller listener names itself, unchanged.
     */
    private static Map<Integer, Map<String, String>> listenerConfig(
            TestKitNodes nodes,
            Map<Integer, Map<String, ServerSocketChannel>> linkSockets,
            Map<String, SortedMap<Integer, TcpProxy>> linkProxies)
            throws IOException {
        String broker = nodes.brokerListenerName().value();
        String controller = nodes.controllerListenerName().value();
        Map<Integer, Map<String, String>> perServer = new HashMap<>();
        for (int id : nodes.brokerNodes().keySet()) {
            List<String> listeners = new ArrayList<>();
            listeners.add(listener(broker));
            if (nodes.isCombined(id)) {
                listeners.add(listener(controller));
            }
            Map<String, ServerSocketChannel> links = linkSockets.getOrDefault(id, Map.of());
            if (links.isEmpty()) {
                perServer.put(id, Map.of("listeners", String.join(",", listeners)));
                continue;
            }
            // Port 0: the broker registers the port it actually bound (the pre-bound one).
            List<String> advertised = new ArrayList<>(List.of(listener(broker)));
            List<String> protocols = new ArrayList<>();
            protocols.add(broker + ":" + nodes.brokerListenerProtocol().name);
            protocols.add(controller + ":" + nodes.controllerListenerProtocol().name);
            for (Map.Entry<String, ServerSocketChannel> link : links.entrySet()) {
                String name = link.getKey();
                int port = ((InetSocketAddress) link.getValue().getLocalAddress()).getPort();
                listeners.add(name + "://" + LOOPBACK + ":" + port);
                advertised.add(name + "://" + linkProxies.get(name).get(id).address());
                protocols.add(name + ":" + SecurityProtocol.PLAINTEXT.name);
            }
            perServer.put(
                    id,
                    Map.of(
                            "listeners", String.join(",", listeners),
                            "advertised.listeners", String.join(",", advertised),
                            "listener.security.protocol.map", String.join(",", protocols)));
        }
        return perServer;
    }

    private static String listener(String name) {
        return name + "://" + LOOPBACK + ":0";
    }

    /**
     * The test kit pre-binds every listener port on the wildcard address before start-up (so ports
     * survive a broker restart). We hand it sockets bound to loopback instead, so nothing listens
     * on external interfaces; if its internals ever change we fall back to its own binding (and
     * return false). Link listener sockets (already bound) are handed over the same way: the test
     * kit's socket factory looks sockets up by node id and listener name, and re-binds the same
     * port on a broker restart.
     */
    @SuppressWarnings("unchecked")
    private static boolean prebindLoopback(
            KafkaClusterTestKit.Builder builder,
            TestKitNodes nodes,
            Map<Integer, Map<String, ServerSocketChannel>> linkSockets) {
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
                forNode.putAll(linkSockets.getOrDefault(id, Map.of()));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            LOG.warn("Could not pre-bind Kafka listeners to loopback; using test kit defaults", e);
            return false;
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

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Start-up failed and we are cleaning up; nothing useful to do.
        }
    }
}
