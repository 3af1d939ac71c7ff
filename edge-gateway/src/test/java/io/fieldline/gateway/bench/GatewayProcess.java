package io.fieldline.gateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway under load, run as its own JVM from the shaded jar so that its CPU time and RSS can
 * be read from {@code /proc} apart from Kafka's and the load generator's.
 */
final class GatewayProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Process process;
    final int mqttPort;
    final int httpPort;

    GatewayProcess(Path jar, String bootstrap, String heap) throws IOException {
        this(jar, bootstrap, heap, List.of());
    }

    /** {@code extraArgs}: more {@code --key value} options, e.g. the outbox settings. */
    GatewayProcess(Path jar, String bootstrap, String heap, List<String> extraArgs)
            throws IOException {
        this.mqttPort = freePort();
        this.httpPort = freePort();
        List<String> cmd = new java.util.ArrayList<>();
        cmd.addAll(
                List.of(
                        "java",
                        "-Xmx" + heap,
                        "-XX:+UseSerialGC",
                        "-jar",
                        jar.toString(),
                        "--mqtt.host",
                        "127.0.0.1",
                        "--mqtt.port",
                        "" + mqttPort,
                        "--http.host",
                        "127.0.0.1",
                        "--http.port",
                        "" + httpPort,
                        "--kafka.bootstrap",
                        bootstrap,
                        "--mqtt.max-connections",
                        "5000"));
        cmd.addAll(extraArgs);
        this.process =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(Files.createTempFile("gateway-bench", ".log").toFile())
                        .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200); // polling a child process; not waiting for a test result
        }
        throw new IllegalStateException("gateway not ready within " + timeout);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    double metric(String name) throws Exception {
        Matcher m =
                Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$").matcher(get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** User + system CPU seconds of the gateway process so far. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** Current and peak resident set size in MiB. */
    long[] rssMiB() throws IOException {
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return new long[] {rss, hwm};
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: the gateway's graceful shutdown
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
