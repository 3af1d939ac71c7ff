package io.fieldline.gateway;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers QoS 1 readings at a fixed rate, round-robin over the devices, from one thread: every 2 ms
 * it publishes what the schedule says is due, without waiting for PUBACKs (open loop), so a slow
 * gateway cannot slow the offered load down. Records how far it ever fell behind its schedule.
 */
final class OpenLoopLoad implements AutoCloseable {
    private final AckedPublishers publishers;
    private final List<String> devices;
    private final double perSecond;
    private final AtomicIntegerArray nextSeq;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxBehind;

    OpenLoopLoad(AckedPublishers publishers, double perSecond) {
        this.publishers = publishers;
        this.devices = publishers.devices();
        this.perSecond = perSecond;
        this.nextSeq = new AtomicIntegerArray(devices.size());
        this.thread = new Thread(this::run, "open-loop-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long start = System.nanoTime();
        long offered = 0;
        int device = 0;
        while (running) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
            maxBehind = Math.max(maxBehind, due - offered);
            for (; offered < due; offered++) {
                int d = device++ % devices.size();
                publishers.publish(devices.get(d), nextSeq.incrementAndGet(d));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** The last seq published so far for each device (in {@link AckedPublishers#devices} order). */
    int lastSeq(int device) {
        return nextSeq.get(device);
    }

    /** Most readings the schedule was ever ahead of what had been offered, at a tick. */
    long maxBehind() {
        return maxBehind;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
