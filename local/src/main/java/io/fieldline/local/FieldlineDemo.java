package io.fieldline.local;

import io.fieldline.api.ApiMain;
import io.fieldline.api.ApiServer;
import io.fieldline.gateway.Gateway;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.jobs.TelemetryAnalyticsJob;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.testkit.EmbeddedKafka;
import io.fieldline.testkit.KafkaLink;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code ./fieldline demo}: the whole pipeline in one process on loopback — a real Kafka broker,
 * the Flink analytics job on a MiniCluster, the edge gateway and a simulated fleet — printing
 * window aggregates and alerts as they are committed. Stops after {@code --duration} or on Ctrl-C,
 * shutting the components down in reverse order.
 */
public final class FieldlineDemo {
    private final DemoOptions options;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private EmbeddedKafka kafka;
    private JobClient job;
    private Vertx vertx;
    private Gateway gateway;
    private Simulator simulator;
    private LiveConsole console;
    private ApiServer api;
    private DemoVerification verification;
    private long truthTimer = -1;
    private KafkaLink link; // the gateway's own uplink, with --outage
    private long outageTimer = -1;

    FieldlineDemo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fieldline demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        FieldlineDemo demo = new FieldlineDemo(options, System.out);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stop.countDown();
                                    awaitQuietly(stopped, 30);
                                }));
        try {
            demo.start();
            if (options.duration().isZero()) {
                stop.await();
            } else {
                // --duration counts from launch, so `--duration 60s` exits about a minute later.
                long left = options.duration().toNanos() - (System.nanoTime() - demo.startNanos);
                stop.await(Math.max(0, left), TimeUnit.NANOSECONDS);
            }
        } finally {
            demo.stop();
            stopped.countDown();
        }
        System.exit(0);
    }

    void start() throws Exception {
        step("starting Kafka (embedded KRaft broker)");
        if (options.outage().isZero()) {
            kafka = quietStdout(EmbeddedKafka::start);
        } else {
            // The gateway gets its own listener behind a proxy: its link can be cut for real.
            kafka = quietStdout(() -> EmbeddedKafka.startWithLinks("gateway"));
            link = kafka.link("gateway");
        }
        kafka.createFieldlineTopics(2);

        // The job reads telemetry from the earliest offset, so the gateway and the fleet need
        // not wait for Flink or the API: the three start side by side.
        step("starting the Flink job, the API and the edge gateway");
        CompletableFuture<JobClient> jobStarted = CompletableFuture.supplyAsync(this::startJob);
        CompletableFuture<ApiServer> apiStarted = CompletableFuture.supplyAsync(this::startApi);
        vertx = Vertx.vertx();
        gateway = Gateway.start(vertx, gatewayConfig(), ProducerFactory.kafka()).await();
        console = new LiveConsole(kafka.bootstrapServers(), "temperature", out, startNanos);
        console.start();
        simulator =
                new Simulator(
                        vertx,
                        SimulatorConfig.defaults("127.0.0.1", gateway.mqttPort())
                                .with(options.devices(), options.rate(), options.seed()));
        simulator.start().await();
        verification = new DemoVerification(simulator, kafka.bootstrapServers());
        verification.writeTruth();
        // File I/O: off the event loop the gateway and the fleet run on.
        truthTimer =
                vertx.setPeriodic(
                        5_000,
                        id ->
                                vertx.executeBlocking(
                                        () -> {
                                            quietly(verification::writeTruth);
                                            return null;
                                        }));
        step(
                String.format(
                        "%d simulated devices publishing %.0f msgs/s (seed %d) to MQTT on"
                                + " 127.0.0.1:%d",
                        options.devices(), options.rate(), options.seed(), gateway.mqttPort()));
        job = jobStarted.join();
        api = apiStarted.join();
        step(
                String.format(
                        "pipeline running (started in %.1f s): dashboard %s, Kafka on %s,"
                                + " threshold temperature > %.0f. %s",
                        elapsed(),
                        api.url(),
                        kafka.bootstrapServers(),
                        options.threshold(),
                        options.duration().isZero()
                                ? "Ctrl-C stops."
                                : "Stops " + options.duration().toSeconds() + " s after launch."));
        step("score it any time: " + verification.command());
        if (link != null) {
            scheduleOutage();
        }
    }

    /**
     * {@code --outage}: {@link DemoOptions#OUTAGE_LEAD} after start the gateway's link to Kafka is
     * cut for the given time. The console shows the outbox backlog growing, then draining, and the
     * windows the job corrects with the replayed readings.
     */
    private void scheduleOutage() {
        long cutAfter = Math.max(1, DemoOptions.OUTAGE_LEAD.toMillis() - (long) (elapsed() * 1000));
        long cutMs = options.outage().toMillis();
        outageTimer =
                vertx.setTimer(
                        cutAfter,
                        id -> {
                            link.cut();
                            step(
                                    String.format(
                                            "OUTAGE   the gateway's link to Kafka is cut for %d s: devices"
                                                    + " keep publishing, the gateway keeps acknowledging"
                                                    + " into its disk outbox",
                                            cutMs / 1000));
                            long cutAt = System.nanoTime();
                            outageTimer =
                                    vertx.setPeriodic(
                                            5_000, tick -> outageTick(tick, cutAt, cutMs));
                        });
    }

    private void outageTick(long timer, long cutAtNanos, long cutMs) {
        long since = (System.nanoTime() - cutAtNanos) / 1_000_000;
        long backlog = gateway.outboxBacklog();
        if (link.isCut() && since < cutMs) {
            step(
                    String.format(
                            "OUTAGE   %3d s: outbox backlog %,d records (Kafka unreachable: %s)",
                            since / 1000, backlog, gateway.notReadyReason()));
            return;
        }
        if (link.isCut()) {
            link.restore();
            step(
                    String.format(
                            "OUTAGE   link restored after %d s: replaying %,d records oldest first; the"
                                    + " job evaluates each device's backlog in its own event-time order",
                            since / 1000, backlog));
            return;
        }
        if (backlog > 0) {
            step(String.format("REPLAY   %,d records left in the outbox", backlog));
        } else {
            step("REPLAY   outbox drained: everything acknowledged during the outage is in Kafka");
            vertx.cancelTimer(timer);
            outageTimer = -1;
        }
    }

    private JobClient startJob() {
        try {
            Path checkpoints = Files.createTempDirectory("fieldline-demo-checkpoints");
            JobConfig cfg =
                    JobConfig.builder()
                            .withBootstrap(kafka.bootstrapServers())
                            .withThreshold("temperature", options.threshold())
                            .withCheckpointInterval(Duration.ofSeconds(2))
                            .withParallelism(2)
                            .withCheckpointDir(checkpoints.toUri().toString())
                            // Ledger windows short enough that a one-minute demo closes some.
                            .withLedgerWindow(Duration.ofSeconds(10), Duration.ofSeconds(5))
                            .build();
            return TelemetryAnalyticsJob.start(
                    StreamExecutionEnvironment.getExecutionEnvironment(), cfg);
        } catch (Exception e) {
            throw new IllegalStateException("the Flink job did not start: " + e.getMessage(), e);
        }
    }

    void stop() {
        step("stopping");
        if (simulator != null) {
            quietly(() -> simulator.stop().await());
        }
        if (vertx != null && truthTimer >= 0) {
            vertx.cancelTimer(truthTimer);
        }
        if (vertx != null && outageTimer >= 0) {
            vertx.cancelTimer(outageTimer);
        }
        if (link != null && link.isCut()) {
            step("restoring the gateway's link so its outbox can drain before it stops");
            link.restore();
        }
        if (gateway != null) {
            quietly(() -> gateway.close(Duration.ofSeconds(5)).await());
        }
        if (verification != null && kafka != null) {
            quietly(this::verify);
        }
        if (job != null) {
            quietly(() -> job.cancel().get(30, TimeUnit.SECONDS));
        }
        if (console != null) {
            quietly(console::close);
        }
        if (api != null) {
            quietly(api::close);
        }
        if (vertx != null) {
            quietly(() -> vertx.close().await());
        }
        if (kafka != null) {
            quietly(kafka::close);
        }
        summary();
    }

    /** Scores the run before Kafka goes away: the same report as {@code ./fieldline verify}. */
    private void verify() throws Exception {
        step("verifying the run against the simulator's labels (" + DemoVerification.TRUTH + ")");
        for (String line : verification.score().text().split("\n")) {
            out.printf("[+%5.1fs] VERIFY   %s%n", elapsed(), line.strip());
        }
    }

    /**
     * The gateway on loopback, with its defaults (ledger report every 15 s, disk outbox on) and an
     * outbox of its own for this run, so nothing of it replays into the next demo's Kafka.
     */
    private GatewayConfig gatewayConfig() {
        try {
            return GatewayConfig.defaults()
                    .withMqtt("127.0.0.1", 0)
                    .withKafka(link != null ? link.bootstrapServers() : kafka.bootstrapServers())
                    .withOutboxDir(Files.createTempDirectory("fieldline-demo-outbox").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no temporary directory for the outbox", e);
        }
    }

    private void summary() {
        out.printf(
                "%n[+%5.1fs] SUMMARY  devices sent %d readings (%d acknowledged, %d errors);"
                        + " gateway forwarded %d, rejected %d; %d window aggregates (%d revised by"
                        + " late data); %d alerts%s%n",
                elapsed(),
                simulator == null ? 0 : simulator.sent(),
                simulator == null ? 0 : simulator.acked(),
                simulator == null ? 0 : simulator.errors(),
                gateway == null ? 0 : gateway.metrics().forwardedCount(),
                gateway == null ? 0 : gateway.metrics().rejectedTotal(),
                console == null ? 0 : console.windowAggregates(),
                console == null ? 0 : console.corrections(),
                console == null ? 0 : console.alerts(),
                console == null || console.firstAlertSeconds() < 0
                        ? ""
                        : String.format(
                                " (first alert %.1f s after start)", console.firstAlertSeconds()));
    }

    /** The dashboard on the requested port, or any free port when that one is taken. */
    private ApiServer startApi() {
        try {
            return ApiMain.start(kafka.bootstrapServers(), options.apiPort());
        } catch (RuntimeException e) {
            if (options.apiPort() == 0) {
                throw e;
            }
            step("port " + options.apiPort() + " is busy; the dashboard takes a free port");
            return ApiMain.start(kafka.bootstrapServers(), 0);
        }
    }

    /** Kafka's storage formatter prints to stdout; keep the demo's own lines readable. */
    private static <T> T quietStdout(java.util.function.Supplier<T> action) {
        PrintStream saved = System.out;
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(saved);
        }
    }

    private void step(String what) {
        out.printf("[+%5.1fs] %s%n", elapsed(), what);
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private interface Action {
        void run() throws Exception;
    }

    private void quietly(Action a) {
        try {
            a.run();
        } catch (Exception e) {
            out.println("  (while stopping: " + e + ")");
        }
    }

    private static void awaitQuietly(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
