package io.fieldline.simulator.load;

import io.fieldline.simulator.net.NetworkChaos;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection life of one shard's devices: connecting them without a storm (at seeded times over
 * the ramp-up, or all at once; either way through the fleet-wide {@link ConnectGate}), dropping
 * some at random, and reconnecting lost ones with jittered back-off.
 */
final class ShardConnections {
    private static final Logger LOG = LoggerFactory.getLogger(ShardConnections.class);

    private final List<DeviceSlot> slots;
    private final RunStats stats;
    private final NetworkChaos chaos;
    private final ConnectGate gate;
    private Vertx vertx;
    private boolean stopping;

    ShardConnections(List<DeviceSlot> slots, RunStats stats, NetworkChaos chaos, ConnectGate gate) {
        this.slots = slots;
        this.stats = stats;
        this.chaos = chaos;
        this.gate = gate;
    }

    Future<Void> connectAll(Vertx vertx) {
        this.vertx = vertx;
        for (DeviceSlot s : slots) {
            s.link.onLost(() -> lost(s));
        }
        List<Future<?>> all = new ArrayList<>();
        for (DeviceSlot s : slots) {
            if (!chaos.rampsUp()) {
                all.add(connect(s));
                continue;
            }
            Promise<Void> p = Promise.promise();
            vertx.setTimer(1 + chaos.rampDelayMs(), id -> connect(s).onComplete(p));
            all.add(p.future());
        }
        return Future.all(all).mapEmpty();
    }

    private Future<Void> connect(DeviceSlot s) {
        return gate.run(s.link::connect)
                .onSuccess(
                        v -> {
                            stats.connected.incrementAndGet();
                            if (s.sparkplug != null) {
                                s.sparkplug.reset();
                            }
                        })
                .onFailure(
                        e -> {
                            stats.errors.increment();
                            LOG.warn("device {} could not connect: {}", s.deviceId, e.toString());
                        });
    }

    void maybeDisconnect(Vertx vertx, long intervalMs) {
        for (DeviceSlot s : slots) {
            if (s.link.connected() && chaos.disconnectNow(intervalMs)) {
                stats.disconnects.increment();
                stats.connected.decrementAndGet();
                s.link.disconnect().onComplete(ar -> reconnectLater(s));
            }
        }
    }

    private void lost(DeviceSlot s) {
        stats.disconnects.increment();
        stats.connected.decrementAndGet();
        reconnectLater(s);
    }

    private void reconnectLater(DeviceSlot s) {
        if (stopping) {
            return;
        }
        vertx.setTimer(
                chaos.reconnectDelayMs(),
                id -> {
                    if (stopping) {
                        return;
                    }
                    connect(s)
                            .onSuccess(v -> stats.reconnects.increment())
                            .onFailure(e -> reconnectLater(s));
                });
    }

    Future<Void> disconnectAll() {
        stopping = true;
        List<Future<?>> closes = new ArrayList<>();
        for (DeviceSlot s : slots) {
            if (s.link.connected()) {
                stats.connected.decrementAndGet();
                closes.add(s.link.disconnect());
            }
        }
        return Future.join(closes).mapEmpty();
    }
}
