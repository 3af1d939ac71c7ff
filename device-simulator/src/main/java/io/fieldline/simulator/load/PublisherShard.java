package io.fieldline.simulator.load;

import io.fieldline.simulator.model.DeviceSource;
import io.fieldline.simulator.model.Reading;
import io.fieldline.simulator.net.NetworkChaos;
import io.fieldline.simulator.serde.PayloadCodec;
import io.fieldline.simulator.serde.SparkplugSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The devices of one event loop, paced open-loop: every millisecond it publishes each reading whose
 * intended time has come, however late, and measures latency from that intended time. So a slow
 * broker or a stalled loop raises the latency instead of quietly lowering the rate.
 */
public final class PublisherShard extends VerticleBase {
    private static final long CHAOS_TICK_MS = 1000;
    // At most this many publishes per tick, so acknowledgements are read between bursts when
    // the shard is behind; the backlog stays and shows as latency.
    private static final int MAX_PER_TICK = 2000;

    private final List<DeviceSlot> slots;
    private final RunStats stats;
    private final PayloadCodec codec;
    private final NetworkChaos chaos;
    private final long lateByMs;
    private final ShardConnections connections;
    private final PriorityQueue<DeviceSlot> due =
            new PriorityQueue<>(Comparator.comparingLong(s -> s.source.nextOffsetNanos()));
    private long startNanos;
    private long startEpochMs;
    private long tickTimer = -1;
    private long chaosTimer = -1;
    private volatile boolean drained;

    PublisherShard(
            List<DeviceSlot> slots,
            RunStats stats,
            PayloadCodec codec,
            NetworkChaos chaos,
            long lateByMs,
            ConnectGate gate) {
        this.slots = slots;
        this.stats = stats;
        this.codec = codec;
        this.chaos = chaos;
        this.lateByMs = lateByMs;
        this.connections = new ShardConnections(slots, stats, chaos, gate);
    }

    @Override
    public Future<?> start() {
        return Future.succeededFuture();
    }

    /** Connects the shard's devices (over the ramp-up, if any); completes when all are up. */
    Future<Void> connect() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(v -> connections.connectAll(vertx).onComplete(p));
        return p.future();
    }

    /** Stops publishing; publishes already sent may still be acknowledged. */
    Future<Void> pause() {
        Promise<Void> p = Promise.promise();
        context.runOnContext(
                v -> {
                    vertx.cancelTimer(tickTimer);
                    vertx.cancelTimer(chaosTimer);
                    for (DeviceSlot s : slots) {
                        if (s.link.connected()) {
                            flushHeld(s, System.nanoTime());
                        }
                    }
                    p.complete();
                });
        return p.future();
    }

    /** Starts publishing; readings are due at {@code startNanos} plus each source's offset. */
    Future<Void> begin(long startNanos, long startEpochMs, List<DeviceSource> sources) {
        Promise<Void> p = Promise.promise();
        context.runOnContext(
                v -> {
                    this.startNanos = startNanos;
                    this.startEpochMs = startEpochMs;
                    for (int i = 0; i < slots.size(); i++) {
                        slots.get(i).source = sources.get(i);
                        if (!sources.get(i).finished()) {
                            due.add(slots.get(i));
                        }
                    }
                    tickTimer = vertx.setPeriodic(1, id -> tick());
                    chaosTimer =
                            vertx.setPeriodic(
                                    CHAOS_TICK_MS,
                                    id -> connections.maybeDisconnect(vertx, CHAOS_TICK_MS));
                    p.complete();
                });
        return p.future();
    }

    /** Whether every source of this shard has run out (replays end; fleets do not). */
    boolean drained() {
        return drained;
    }

    private void tick() {
        long now = System.nanoTime() - startNanos;
        int budget = MAX_PER_TICK;
        while (budget-- > 0 && !due.isEmpty() && due.peek().source.nextOffsetNanos() <= now) {
            DeviceSlot s = due.poll();
            long intended = startNanos + s.source.nextOffsetNanos();
            Reading r = s.source.take(startEpochMs);
            if (!s.source.finished()) {
                due.add(s);
            }
            if (r != null) {
                emit(s, r, intended);
            }
        }
        drained = due.isEmpty();
    }

    private void emit(DeviceSlot s, Reading r, long intendedNanos) {
        if (!s.link.connected()) {
            stats.skipped.increment(); // an offline device takes no sequence number
            return;
        }
        byte[] payload = encode(s, r, intendedNanos);
        switch (chaos.next()) {
            case DUPLICATE -> {
                send(s, payload, intendedNanos);
                stats.duplicates.increment();
                send(s, payload, intendedNanos);
            }
            case REORDER -> {
                flushHeld(s, intendedNanos);
                s.held = payload;
                stats.reordered.increment();
                return;
            }
            case LATE -> {
                stats.late.increment();
                long later = intendedNanos + lateByMs * 1_000_000;
                vertx.setTimer(lateByMs, id -> send(s, payload, later));
            }
            default -> send(s, payload, intendedNanos);
        }
        flushHeld(s, intendedNanos);
    }

    // Sparkplug BIRTH messages (after a connect, or for a new metric) go out before the DDATA.
    private byte[] encode(DeviceSlot s, Reading r, long intendedNanos) {
        long eventTime = r.eventTimeMs() + s.skewMs;
        ++s.seq;
        if (s.sparkplug == null) {
            return codec.encode(s.deviceId, eventTime, s.seq, r.metrics());
        }
        for (SparkplugSession.Message m : s.sparkplug.birthsBefore(eventTime, r.metrics())) {
            send(s, m.topic(), m.payload(), intendedNanos);
        }
        return s.sparkplug.data(eventTime, r.metrics());
    }

    // A held publish goes out right after the device's next one, so the two arrive swapped.
    private void flushHeld(DeviceSlot s, long intendedNanos) {
        if (s.held != null) {
            byte[] h = s.held;
            s.held = null;
            send(s, h, intendedNanos);
        }
    }

    private void send(DeviceSlot s, byte[] payload, long intendedNanos) {
        send(s, s.topic, payload, intendedNanos);
    }

    private void send(DeviceSlot s, String topic, byte[] payload, long intendedNanos) {
        if (!s.link.connected()) {
            stats.skipped.increment();
            return;
        }
        stats.sent.increment();
        s.link.publish(topic, payload)
                .onComplete(
                        ar -> {
                            if (ar.succeeded()) {
                                stats.acked.increment();
                                stats.recordLatencyNanos(System.nanoTime() - intendedNanos);
                            } else {
                                stats.errors.increment();
                            }
                        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(tickTimer);
        vertx.cancelTimer(chaosTimer);
        return connections.disconnectAll();
    }
}
