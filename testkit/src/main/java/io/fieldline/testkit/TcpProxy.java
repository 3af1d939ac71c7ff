package io.fieldline.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small loopback TCP forwarder that tests put between a client and a server to simulate a network
 * outage: {@link #cut()} drops every connection and refuses new ones (the listening port stays
 * reserved), {@link #restore()} lets traffic through again. At most {@value #MAX_CONNECTIONS}
 * connections at a time, two daemon threads each.
 *
 * <p>Not on its own for Kafka clients: a broker tells clients to connect to its advertised address,
 * so they bypass a proxy on the bootstrap address. To cut one Kafka client's link use {@link
 * EmbeddedKafka#startWithLinks(String...)} and {@link EmbeddedKafka#link(String)} (a proxy the
 * broker itself advertises); to take Kafka down for everyone use {@link
 * EmbeddedKafka#stopBroker()}.
 */
public final class TcpProxy implements Closeable {
    static final int MAX_CONNECTIONS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getByName(ClusterFactory.LOOPBACK));
        this.acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + IDS.incrementAndGet());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port forwarding to {@code host:port}. */
    public static TcpProxy start(String host, int port) {
        try {
            return new TcpProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("Could not bind a loopback proxy port", e);
        }
    }

    /** The port clients should connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code host:port} clients should connect to. */
    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + port();
    }

    /** Drops every open connection and refuses (accepts and closes at once) new ones. */
    public void cut() {
        cut = true;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
        LOG.info("Proxy {} -> {} cut", address(), target);
    }

    /** True between {@link #cut()} and {@link #restore()}. */
    public boolean isCut() {
        return cut;
    }

    /** Forwards new connections again. */
    public void restore() {
        cut = false;
        LOG.info("Proxy {} -> {} restored", address(), target);
    }

    /** Number of client connections currently being forwarded. */
    public int openConnections() {
        return sockets.size() / 2;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (cut || openConnections() >= MAX_CONNECTIONS) {
                    closeQuietly(client);
                    continue;
                }
                connect(client);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Proxy {} accept failed", address(), e);
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            // Target down: the client sees its connection closed, as it would with no proxy.
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        sockets.add(client);
        sockets.add(upstream);
        if (cut) {
            // cut() ran while this connection was being set up and did not see it yet.
            sockets.remove(client);
            sockets.remove(upstream);
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        pump(client, upstream, "up");
        pump(upstream, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread =
                new Thread(
                        () -> copy(from, to),
                        "tcp-proxy-" + port() + "-" + from.getPort() + "-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // A closed socket on either side ends this direction; the other is closed below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing during teardown; nothing useful to do.
        }
    }
}
