package io.fieldline.simulator.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and the latency recorder shared by all publishing threads. Latency is measured in
 * microseconds from each message's intended send time (not from when it was actually sent), so a
 * stalled publisher shows up as latency instead of silently lowering the rate.
 */
public final class RunStats {
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder reordered = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    private final Recorder latency = new Recorder(3);
    private final Histogram total = new Histogram(3);

    void recordLatencyNanos(long nanos) {
        latency.recordValue(Math.max(0, nanos / 1000));
    }

    /** The latencies since the last call, also added to the run's total. */
    public synchronized Histogram interval() {
        Histogram h = latency.getIntervalHistogram();
        total.add(h);
        return h;
    }

    /** All latencies so far (drains the interval recorder). */
    public synchronized Histogram total() {
        interval();
        return total.copy();
    }

    public Snapshot snapshot() {
        return new Snapshot(
                connected.get(),
                sent.sum(),
                acked.sum(),
                errors.sum(),
                skipped.sum(),
                duplicates.sum(),
                reordered.sum(),
                late.sum(),
                disconnects.sum(),
                reconnects.sum());
    }

    /**
     * The counters at one moment.
     *
     * @param skipped readings not published because the device was offline
     */
    public record Snapshot(
            int connected,
            long sent,
            long acked,
            long errors,
            long skipped,
            long duplicates,
            long reordered,
            long late,
            long disconnects,
            long reconnects) {}
}
