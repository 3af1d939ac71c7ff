package io.fieldline.simulator;

import io.fieldline.simulator.config.NetworkOptions;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import io.fieldline.simulator.load.RunStats;
import io.fieldline.simulator.load.ShardPlan;
import io.fieldline.simulator.load.Workload;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.serde.SparkplugSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated devices, each with its own MQTT connection, publishing at an open-loop paced
 * share of the target rate from several event loops, with the faults and network behaviour the
 * configuration asks for. Counts and latencies are in {@link #stats()}.
 */
public final class Simulator {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final Vertx vertx;
    private final SimulatorConfig config;
    private final Workload workload;
    private final RunStats stats = new RunStats();
    private ShardPlan shards;
    private volatile long startEpochMs;

    public Simulator(Vertx vertx, SimulatorConfig config) {
        this(vertx, config, Workload.fleet(config.fleetSpec()));
    }

    public Simulator(Vertx vertx, SimulatorConfig config, Workload workload) {
        this.vertx = vertx;
        this.config = config;
        this.workload = workload;
    }

    /**
     * Connects the devices and starts publishing; completes once all are connected. Without a
     * ramp-up the clock starts after the last connect; with one, devices publish as they come up.
     */
    public Future<Void> start() {
        shards = new ShardPlan(vertx, config, workload.deviceIds(), stats);
        return shards.deploy()
                .compose(
                        v -> {
                            if (config.network().rampUp().isZero()) {
                                return shards.connect().compose(c -> begin());
                            }
                            return begin().compose(c -> shards.connect());
                        })
                .onFailure(e -> LOG.error("simulator could not start: {}", e.toString()));
    }

    private Future<Void> begin() {
        long nanos = System.nanoTime();
        startEpochMs = System.currentTimeMillis();
        LOG.info(
                "simulating {} devices at {} msgs/s, seed {}",
                config.devices(),
                config.ratePerSecond(),
                config.seed());
        return shards.begin(nanos, startEpochMs, workload.begin(startEpochMs));
    }

    /** Stops publishing, waits (boundedly) for outstanding acknowledgements, disconnects. */
    public Future<Void> stop() {
        if (shards == null) {
            return Future.succeededFuture();
        }
        return shards.pause().compose(v -> awaitAcks(50)).compose(v -> shards.undeploy());
    }

    private Future<Void> awaitAcks(int triesLeft) {
        if (triesLeft == 0 || acked() + errors() >= sent()) {
            return Future.succeededFuture();
        }
        return vertx.timer(100).compose(t -> awaitAcks(triesLeft - 1));
    }

    /** Whether every device has run out of readings (only replays do). */
    public boolean finished() {
        return shards != null && shards.drained();
    }

    public long sent() {
        return stats.snapshot().sent();
    }

    /** Publishes the gateway acknowledged (QoS 1), or handed to the socket (QoS 0). */
    public long acked() {
        return stats.snapshot().acked();
    }

    public long errors() {
        return stats.snapshot().errors();
    }

    public RunStats stats() {
        return stats;
    }

    /** The run's start in epoch ms (event times count from it); 0 before start. */
    public long startEpochMs() {
        return startEpochMs;
    }

    /**
     * The labelled faults that start before {@code untilMs}, under the device ids the pipeline sees
     * (see {@link #pipelineDeviceId}).
     */
    public List<Fault> groundTruth(long untilMs) {
        List<Fault> truth = workload.groundTruth(untilMs);
        if (config.network().payload() != PayloadFormat.SPARKPLUG) {
            return truth;
        }
        return truth.stream()
                .map(
                        f ->
                                new Fault(
                                        pipelineDeviceId(f.deviceId()),
                                        f.metric(),
                                        f.kind(),
                                        f.startMs(),
                                        f.endMs(),
                                        f.failureMs()))
                .toList();
    }

    /**
     * The id the gateway gives a simulated device's readings: the device id itself, or with
     * Sparkplug B payloads {@code group.deviceId.asset} (edge node = device, one Sparkplug device).
     */
    public String pipelineDeviceId(String deviceId) {
        NetworkOptions net = config.network();
        return net.payload() == PayloadFormat.SPARKPLUG
                ? SparkplugSession.pipelineDeviceId(net.sparkplug().group(), deviceId)
                : deviceId;
    }

    public SimulatorConfig config() {
        return config;
    }
}
