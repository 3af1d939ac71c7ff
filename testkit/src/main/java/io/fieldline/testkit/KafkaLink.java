package io.fieldline.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One client's own network link to an {@link EmbeddedKafka} broker, which a test can really cut: an
 * edge gateway losing its uplink while other clients of the same broker (another gateway, the Flink
 * job) keep working.
 *
 * <p>Why this exists: a {@link TcpProxy} in front of the normal bootstrap address does not cut a
 * Kafka client, because the client only bootstraps there and then connects to the address the
 * broker advertises in its metadata, bypassing the proxy. A link is an extra broker listener, bound
 * on 127.0.0.1 to its own port, whose <em>advertised</em> address is a {@link TcpProxy} forwarding
 * to that port. A client bootstrapped on {@link #bootstrapServers()} therefore gets metadata that
 * points at the proxy for every connection, so {@link #cut()} cuts that client, and only that
 * client (and any other client given the same link); clients on {@link
 * EmbeddedKafka#bootstrapServers()} or on other links are not affected.
 *
 * <p>Get one with {@link EmbeddedKafka#startWithLinks(String...)} and {@link
 * EmbeddedKafka#link(String)}; it is closed with the cluster. Cut and broker state are independent:
 * a cut link stays cut across {@link EmbeddedKafka#stopBroker()}/{@link
 * EmbeddedKafka#restartBroker()}, and a restored link reaches the broker again once it is back (the
 * listener re-binds the same port on restart).
 */
public final class KafkaLink {
    private final String name;
    private final String listenerName;
    private final List<TcpProxy> proxies;
    private final String bootstrapServers;

    KafkaLink(String name, String listenerName, List<TcpProxy> proxies) {
        this.name = name;
        this.listenerName = listenerName;
        this.proxies = List.copyOf(proxies);
        this.bootstrapServers =
                this.proxies.stream().map(TcpProxy::address).collect(Collectors.joining(","));
    }

    /** The name given to {@link EmbeddedKafka#startWithLinks(String...)}. */
    public String name() {
        return name;
    }

    /** The broker listener behind this link (e.g. {@code LINK_GATEWAY_A}); for diagnostics. */
    public String listenerName() {
        return listenerName;
    }

    /**
     * {@code host:port[,...]} of this link's proxy (one per broker): give it to the one client
     * whose network link the test wants to cut, as its {@code bootstrap.servers}.
     */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Cuts the link: drops every open connection of clients on this link and refuses new ones (each
     * connection attempt is accepted and closed at once). Clients see disconnects and retry until
     * their own timeouts expire; the broker and every other client keep working.
     */
    public void cut() {
        proxies.forEach(TcpProxy::cut);
    }

    /** Lets the link's clients connect again; they reconnect on their own (reconnect backoff). */
    public void restore() {
        proxies.forEach(TcpProxy::restore);
    }

    /** True between {@link #cut()} and {@link #restore()}. */
    public boolean isCut() {
        return proxies.stream().anyMatch(TcpProxy::isCut);
    }

    /** Client connections currently forwarded over this link (all brokers). */
    public int openConnections() {
        return proxies.stream().mapToInt(TcpProxy::openConnections).sum();
    }

    @Override
    public String toString() {
        return "KafkaLink[" + name + " " + bootstrapServers + (isCut() ? " cut]" : "]");
    }

    void close() {
        proxies.forEach(TcpProxy::close);
    }
}
