package io.fieldline.simulator.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Bounds the MQTT connects in flight across all shards ({@code --connect-concurrency}): initial
 * connects, ramp-up connects and reconnects all pass through it. A freed permit goes to the oldest
 * waiter, which resumes on its own event loop.
 */
final class ConnectGate {
    private final int permits;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inUse;

    ConnectGate(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("connect concurrency must be >= 1, got " + permits);
        }
        this.permits = permits;
    }

    /** Runs {@code connect} once a permit is free and holds the permit until it completes. */
    <T> Future<T> run(Supplier<Future<T>> connect) {
        return acquire().compose(v -> connect.get().onComplete(ar -> release()));
    }

    private Future<Void> acquire() {
        synchronized (this) {
            if (inUse < permits) {
                inUse++;
                return Future.succeededFuture();
            }
            Promise<Void> p = Promise.promise();
            Context ctx = Vertx.currentContext();
            waiting.add(ctx == null ? p::complete : () -> ctx.runOnContext(v -> p.complete()));
            return p.future();
        }
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inUse--;
                return;
            }
        }
        next.run(); // the permit passes to the waiter
    }
}
