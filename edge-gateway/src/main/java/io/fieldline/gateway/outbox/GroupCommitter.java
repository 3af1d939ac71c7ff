package io.fieldline.gateway.outbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The writer-side thread that turns appends into durable records: under EVERY_BATCH it fsyncs all
 * appends made since its previous fsync in one call (group commit) and then completes their durable
 * futures; under INTERVAL it fsyncs periodically; it also runs the periodic checkpoint. Futures
 * complete on this thread, so their callbacks must not block.
 */
final class GroupCommitter implements AutoCloseable {
    /** Forces everything written so far and returns the end offset (exclusive) it covers. */
    interface ForceAll {
        long force() throws IOException;
    }

    /** Periodic housekeeping (the watermark checkpoint). */
    interface Periodic {
        void run() throws IOException;
    }

    private record Waiter(long offset, CompletableFuture<Void> future) {}

    private final FsyncPolicy policy;
    private final long intervalNanos;
    private final long checkpointNanos;
    private final ForceAll forceAll;
    private final Periodic periodic;
    private final PriorityQueue<Waiter> waiters =
            new PriorityQueue<>((a, b) -> Long.compare(a.offset, b.offset));
    private final Thread thread;
    private volatile long writtenEnd;
    private volatile long syncedEnd;
    private volatile boolean sleeping;
    private volatile boolean closed;
    private volatile IOException failure;

    GroupCommitter(OutboxConfig config, long writtenEnd, ForceAll forceAll, Periodic periodic) {
        this.policy = config.fsyncPolicy();
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.fsyncIntervalMs());
        this.checkpointNanos = TimeUnit.MILLISECONDS.toNanos(config.checkpointIntervalMs());
        this.forceAll = forceAll;
        this.periodic = periodic;
        this.writtenEnd = writtenEnd;
        this.syncedEnd = writtenEnd;
        this.thread = new Thread(this::loop, "outbox-fsync");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called after each append: records up to {@code end} (exclusive) are written. */
    void written(long end) {
        writtenEnd = end;
        if (policy == FsyncPolicy.EVERY_BATCH && sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Completes once {@code offset} is durable per the policy (see {@link FsyncPolicy}). */
    CompletableFuture<Void> durable(long offset) {
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (policy != FsyncPolicy.EVERY_BATCH) {
            return offset < writtenEnd
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(
                            new IllegalArgumentException("not appended: " + offset));
        }
        synchronized (waiters) {
            if (offset < syncedEnd) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiters.add(new Waiter(offset, f));
            return f;
        }
    }

    long syncedEnd() {
        return syncedEnd;
    }

    private void loop() {
        long nextSync = System.nanoTime() + intervalNanos;
        long nextCheckpoint = System.nanoTime() + checkpointNanos;
        long tick =
                Math.min(
                        checkpointNanos,
                        policy == FsyncPolicy.INTERVAL ? intervalNanos : checkpointNanos);
        while (!closed && failure == null) {
            try {
                // No early continue: the checkpoint below must run under sustained load too.
                if (batchPending()) {
                    sync();
                } else {
                    sleeping = true;
                    if (!batchPending() && !closed) {
                        LockSupport.parkNanos(tick);
                    }
                    sleeping = false;
                }
                long now = System.nanoTime();
                if (policy == FsyncPolicy.INTERVAL && now - nextSync >= 0) {
                    nextSync = now + intervalNanos;
                    if (writtenEnd > syncedEnd) {
                        sync();
                    }
                }
                if (now - nextCheckpoint >= 0) {
                    nextCheckpoint = now + checkpointNanos;
                    periodic.run();
                }
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private boolean batchPending() {
        return policy == FsyncPolicy.EVERY_BATCH && writtenEnd > syncedEnd;
    }

    private void sync() throws IOException {
        long end = forceAll.force();
        List<Waiter> done = new ArrayList<>();
        synchronized (waiters) {
            syncedEnd = Math.max(syncedEnd, end);
            while (!waiters.isEmpty() && waiters.peek().offset < syncedEnd) {
                done.add(waiters.poll());
            }
        }
        for (Waiter w : done) {
            w.future.complete(null);
        }
    }

    private void fail(IOException e) {
        failure = e;
        List<Waiter> failed;
        synchronized (waiters) {
            failed = new ArrayList<>(waiters);
            waiters.clear();
        }
        failed.forEach(w -> w.future.completeExceptionally(e));
    }

    /** Stops the thread (bounded wait), then forces and checkpoints a last time. */
    @Override
    public void close() throws IOException {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            sync();
            periodic.run();
        }
        fail(new IOException("outbox closed"));
    }
}
