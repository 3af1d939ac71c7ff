package io.fieldline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpProxyTest {
    private ServerSocket echoServer;
    private Thread echoThread;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoServerAndProxy() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        echoThread = new Thread(this::echoLoop, "echo");
        echoThread.setDaemon(true);
        echoThread.start();
        proxy = TcpProxy.start("127.0.0.1", echoServer.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echoServer.close();
    }

    @Test
    void forwardsBytesBothWays() throws IOException {
        try (Socket client = connectThroughProxy()) {
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");
        }
        assertThat(proxy.address()).isEqualTo("127.0.0.1:" + proxy.port());
    }

    @Test
    void cutDropsOpenConnectionsAndRestoreLetsNewOnesThrough() throws IOException {
        try (Socket client = connectThroughProxy()) {
            assertThat(roundTrip(client, "before")).isEqualTo("before");
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 1);

            proxy.cut();

            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket refused = connectThroughProxy()) {
            assertThat(refused.getInputStream().read()).isEqualTo(-1);
        }

        proxy.restore();

        try (Socket client = connectThroughProxy()) {
            assertThat(roundTrip(client, "after")).isEqualTo("after");
        }
    }

    @Test
    void closeReleasesConnections() throws IOException {
        Socket client = connectThroughProxy();
        assertThat(roundTrip(client, "x")).isEqualTo("x");
        proxy.close();
        assertThat(client.getInputStream().read()).isEqualTo(-1);
        client.close();
    }

    private Socket connectThroughProxy() throws IOException {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String roundTrip(Socket client, String text) throws IOException {
        byte[] sent = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        client.getOutputStream().write(sent);
        client.getOutputStream().flush();
        byte[] received = client.getInputStream().readNBytes(sent.length);
        return new String(received, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void echoLoop() {
        while (!echoServer.isClosed()) {
            try {
                Socket socket = echoServer.accept();
                Thread t = new Thread(() -> echo(socket), "echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // client went away
        }
    }
}
