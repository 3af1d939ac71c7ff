package io.fieldline.simulator.load;

import io.fieldline.simulator.net.NetworkChaos;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection life of one shard's devices: connecting them without a storm (seeded times over
 * the ramp-up, or a bounded number at once), dropping some at random, and reconnecting lost ones
 * with jittered back-off.
 */
final class ShardConnections {
    private static final Logger LOG = LoggerFactory.getLogger(ShardConnections.class);

    private final List<DeviceSlot> slots;
    private final RunStats stats;
    private final NetworkChaos chaos;
    private final int concurrency;
    private Vertx vertx;
    private boolean stopping;

    ShardConnections(List<DeviceSlot> slots, RunStats stats, NetworkChaos chaos, int concurrency) {
        this.slots = slots;
        this.stats = stats;
        this.chaos = chaos;
        this.concurrency = concurrency;
    }

    Future<Void> connectAll(Vertx vertx) {
        this.vertx = vertx;
        for (DeviceSlot s : slots) {
            s.link.onLost(() -> lost(s));
        }
        if (!chaos.rampsUp()) {
            return connectBounded();
        }
        List<Future<?>> all = new ArrayList<>();
        for (DeviceSlot s : slots) {
            Promise<Void> p = Promise.promise();
            vertx.setTimer(1 + chaos.rampDelayMs(), id -> connect(s).onComplete(p));
            all.add(p.future());
        }
        return Future.all(all).mapEmpty();
    }

    // A fixed number of workers, each connecting the next device when its previous one is up.
    private Future<Void> connectBounded() {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(concurrency, slots.size()); w++) {
            workers.add(connectNext(next));
        }
        return Future.all(workers).mapEmpty();
    }

    private Future<Void> connectNext(AtomicInteger next) {
        int i = next.getAndIncrement();
        if (i >= slots.size()) {
            return Future.succeededFuture();
        }
        return connect(slots.get(i)).compose(v -> connectNext(next));
    }

    private Future<Void> connect(DeviceSlot s) {
        return s.link.connect()
                .onSuccess(v -> stats.connected.incrementAndGet())
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
