package io.fieldline.simulator.load;

import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.simulator.config.NetworkOptions;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import io.fieldline.simulator.model.DeviceSource;
import io.fieldline.simulator.net.DeviceLink;
import io.fieldline.simulator.net.NetworkChaos;
import io.fieldline.simulator.net.VertxDeviceLink;
import io.fieldline.simulator.serde.PayloadCodec;
import io.fieldline.simulator.serde.SparkplugSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Splits the devices over one {@link PublisherShard} per event loop (device i goes to shard i mod
 * n) and drives the shards together.
 */
public final class ShardPlan {
    private final Vertx vertx;
    private final List<PublisherShard> shards = new ArrayList<>();
    private final List<List<Integer>> members = new ArrayList<>();
    private final List<String> deploymentIds = new ArrayList<>();

    public ShardPlan(Vertx vertx, SimulatorConfig config, List<String> ids, RunStats stats) {
        this.vertx = vertx;
        NetworkOptions net = config.network();
        int n = Math.max(1, Math.min(ids.size(), 2 * Runtime.getRuntime().availableProcessors()));
        NetworkChaos skews = new NetworkChaos(net, config.seed());
        List<List<DeviceSlot>> slots = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            slots.add(new ArrayList<>());
            members.add(new ArrayList<>());
        }
        List<String> addresses = net.localAddresses();
        for (int i = 0; i < ids.size(); i++) {
            String local = addresses.isEmpty() ? null : addresses.get(i % addresses.size());
            DeviceLink link = link(vertx, config, ids.get(i), local);
            SparkplugSession session =
                    net.payload() == PayloadFormat.SPARKPLUG
                            ? new SparkplugSession(
                                    net.sparkplug().group(), ids.get(i), net.sparkplug().aliases())
                            : null;
            slots.get(i % n).add(new DeviceSlot(i, ids.get(i), link, skews.skewMs(i), session));
            members.get(i % n).add(i);
        }
        PayloadCodec codec = new PayloadCodec(net.payload());
        ConnectGate gate = new ConnectGate(net.connectConcurrency());
        for (int k = 0; k < n; k++) {
            shards.add(
                    new PublisherShard(
                            slots.get(k),
                            stats,
                            codec,
                            new NetworkChaos(net, config.seed() * 7919 + k),
                            net.lateBy().toMillis(),
                            gate));
        }
    }

    private static DeviceLink link(Vertx vertx, SimulatorConfig c, String id, String local) {
        NetworkOptions net = c.network();
        if (net.mqttVersion() == 5) {
            return new io.fieldline.simulator.net.HiveMqDeviceLink(
                    vertx, id, c.mqttHost(), c.mqttPort(), c.qos(), local, net.payload());
        }
        return new VertxDeviceLink(
                vertx, id, c.mqttHost(), c.mqttPort(), c.qos(), local, net.maxInflight());
    }

    public Future<Void> deploy() {
        return all(s -> vertx.deployVerticle(s).onSuccess(deploymentIds::add).mapEmpty());
    }

    public Future<Void> connect() {
        return all(PublisherShard::connect);
    }

    public Future<Void> begin(long startNanos, long startEpochMs, List<DeviceSource> sources) {
        return all(
                s -> {
                    List<DeviceSource> own = new ArrayList<>();
                    members.get(shards.indexOf(s)).forEach(i -> own.add(sources.get(i)));
                    return s.begin(startNanos, startEpochMs, own);
                });
    }

    public Future<Void> pause() {
        return all(PublisherShard::pause);
    }

    public Future<Void> undeploy() {
        List<Future<?>> fs = new ArrayList<>();
        deploymentIds.forEach(id -> fs.add(vertx.undeploy(id)));
        return Future.join(fs).mapEmpty();
    }

    public boolean drained() {
        return shards.stream().allMatch(PublisherShard::drained);
    }

    private Future<Void> all(Function<PublisherShard, Future<?>> f) {
        List<Future<?>> fs = new ArrayList<>();
        shards.forEach(s -> fs.add(f.apply(s)));
        return Future.all(fs).mapEmpty();
    }
}
