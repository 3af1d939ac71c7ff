package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.LedgerWindow;
import io.fieldline.jobs.model.SeqMark;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per device, on the device's own clock (ticks from {@link DeviceClock}): collects the sequence
 * numbers of its messages per window and joins the gateway's report for the same window; once the
 * device's clock passes the window end plus a grace period for the gateway's report, emits the
 * cloud ledger entry (received, expected, missing, duplicated, shed). A reported window is kept for
 * the lateness bound: a message or a gateway report that comes after it corrects the entry (next
 * revision; late messages count as received and as late, never as missing).
 */
public class LossLedger
        extends KeyedCoProcessFunction<String, SeqMark, LedgerRecord, LedgerRecord> {
    private final long windowMs;
    private final long graceMs;
    private final long keepMs;
    private transient MapState<Long, LedgerWindow> open;
    private transient MapState<Long, LedgerWindow> reported;
    private transient ValueState<Long> lastSeq;
    private transient ValueState<Long> clock;
    private transient ValueState<Long> historyFrom;
    private transient ValueState<Boolean> idle;
    private transient Counter corrections;

    public LossLedger(long windowMs, long graceMs, long keepMs) {
        this.windowMs = windowMs;
        this.graceMs = graceMs;
        this.keepMs = keepMs;
    }

    @Override
    public void open(OpenContext ctx) {
        StateTtlConfig ttl = StateTtl.of(keepMs);
        open = getRuntimeContext().getMapState(windows("ledger-windows", ttl));
        reported = getRuntimeContext().getMapState(windows("ledger-reported", ttl));
        ValueStateDescriptor<Long> last = new ValueStateDescriptor<>("ledger-last-seq", Types.LONG);
        last.enableTimeToLive(ttl);
        lastSeq = getRuntimeContext().getState(last);
        ValueStateDescriptor<Long> clk = new ValueStateDescriptor<>("ledger-clock", Types.LONG);
        clk.enableTimeToLive(ttl);
        clock = getRuntimeContext().getState(clk);
        ValueStateDescriptor<Long> from =
                new ValueStateDescriptor<>("ledger-history-from", Types.LONG);
        from.enableTimeToLive(ttl);
        historyFrom = getRuntimeContext().getState(from);
        ValueStateDescriptor<Boolean> idleDesc =
                new ValueStateDescriptor<>("ledger-idle", Types.BOOLEAN);
        idleDesc.enableTimeToLive(ttl);
        idle = getRuntimeContext().getState(idleDesc);
        corrections = getRuntimeContext().getMetricGroup().counter("fieldlineLedgerCorrections");
    }

    private static MapStateDescriptor<Long, LedgerWindow> windows(String name, StateTtlConfig ttl) {
        MapStateDescriptor<Long, LedgerWindow> d =
                new MapStateDescriptor<>(name, Types.LONG, Types.POJO(LedgerWindow.class));
        d.enableTimeToLive(ttl);
        return d;
    }

    @Override
    public void processElement1(SeqMark m, Context ctx, Collector<LedgerRecord> out)
            throws Exception {
        switch (m.kind) {
            case SeqMark.MARK -> {
                if (idle.value() != null) {
                    idle.clear(); // the device is back: its clock closes its windows again
                }
                long start = startOf(m.eventTimeMs);
                LedgerWindow w = reported.get(start);
                if (w != null) {
                    w.addSeq(m.seq);
                    w.late++;
                    correct(w, ctx, out);
                } else {
                    w = openWindow(start);
                    w.addSeq(m.seq);
                    open.put(start, w);
                }
            }
            case SeqMark.REFUSED -> {
                Long clk = clock.value();
                long start = startOf(clk == null ? m.eventTimeMs : clk);
                LedgerWindow w = reported.get(start);
                if (w != null) {
                    w.refused++;
                    correct(w, ctx, out);
                } else {
                    w = openWindow(start);
                    w.refused++;
                    open.put(start, w);
                }
            }
            case SeqMark.TICK -> {
                tick(m.clockMs, ctx, out);
                if (m.clockMs == Long.MAX_VALUE) {
                    idle.update(true);
                }
            }
            default -> throw new IllegalStateException("unknown mark kind " + m.kind);
        }
    }

    @Override
    public void processElement2(LedgerRecord g, Context ctx, Collector<LedgerRecord> out)
            throws Exception {
        long start = startOf(g.windowStartMs);
        LedgerWindow w = reported.get(start);
        if (w != null) {
            w.addGateway(g);
            correct(w, ctx, out);
        } else {
            w = openWindow(start);
            w.addGateway(g);
            if (Boolean.TRUE.equals(idle.value())) {
                // The device is idle: no tick will close this window; report it now.
                open.remove(start);
                report(w, ctx, out);
            } else {
                open.put(start, w);
            }
        }
    }

    private long startOf(long timeMs) {
        return timeMs - Math.floorMod(timeMs, windowMs);
    }

    private LedgerWindow openWindow(long start) throws Exception {
        LedgerWindow w = open.get(start);
        if (w == null) {
            w = new LedgerWindow();
            w.windowStartMs = start;
            w.windowEndMs = start + windowMs;
        }
        return w;
    }

    /** The device's clock moved to {@code clockMs}; {@link Long#MAX_VALUE} closes every window. */
    private void tick(long clockMs, Context ctx, Collector<LedgerRecord> out) throws Exception {
        boolean all = clockMs == Long.MAX_VALUE;
        if (!all) {
            Long previous = clock.value();
            clock.update(previous == null ? clockMs : Math.max(previous, clockMs));
            prune(clockMs);
        }
        List<Long> due = new ArrayList<>();
        for (Long start : open.keys()) {
            if (all || start + windowMs + graceMs <= clockMs) {
                due.add(start);
            }
        }
        due.sort(null);
        for (Long start : due) {
            LedgerWindow w = open.get(start);
            open.remove(start);
            report(w, ctx, out);
        }
    }

    /**
     * Forgets reported windows that can no longer be corrected: the device clock refuses data older
     * than the lateness bound. One window per tick, or one sweep after a long quiet spell.
     */
    private void prune(long clockMs) throws Exception {
        long horizon = clockMs - keepMs;
        Long from = historyFrom.value();
        if (from == null) {
            historyFrom.update(startOf(clockMs));
            return;
        }
        if (horizon <= from) {
            return;
        }
        if ((horizon - from) / windowMs > 64) {
            List<Long> gone = new ArrayList<>();
            for (Long start : reported.keys()) {
                if (start + windowMs <= horizon) {
                    gone.add(start);
                }
            }
            for (Long start : gone) {
                reported.remove(start);
            }
        } else {
            for (long start = from; start + windowMs <= horizon; start += windowMs) {
                reported.remove(start);
            }
        }
        historyFrom.update(startOf(horizon));
    }

    private void report(LedgerWindow w, Context ctx, Collector<LedgerRecord> out) throws Exception {
        Long previous = lastSeq.value();
        w.previousLastSeq = previous;
        w.revision = 1;
        LedgerRecord r = record(ctx.getCurrentKey(), w);
        if (w.seqCount > 0) {
            lastSeq.update(previous == null ? r.lastSeq : Math.max(previous, r.lastSeq));
        }
        reported.put(w.windowStartMs, w);
        out.collect(r);
        if (w.seqCount > 0) {
            rebaseNext(w.windowStartMs, r.lastSeq, ctx, out);
        }
    }

    /** The highest sequence number of the nearest earlier reported window (64 at most back). */
    private Long earlierLastSeq(long start) throws Exception {
        for (int i = 1; i <= 64; i++) {
            LedgerWindow e = reported.get(start - i * windowMs);
            if (e != null && e.seqCount > 0) {
                long max = Long.MIN_VALUE;
                for (int k = 0; k < e.seqCount; k++) {
                    max = Math.max(max, e.seqs[k]);
                }
                return max;
            }
        }
        return null;
    }

    private static long firstSeq(LedgerWindow w) {
        long min = Long.MAX_VALUE;
        for (int k = 0; k < w.seqCount; k++) {
            min = Math.min(min, w.seqs[k]);
        }
        return min;
    }

    private void correct(LedgerWindow w, Context ctx, Collector<LedgerRecord> out)
            throws Exception {
        corrections.inc();
        w.revision++;
        Long base = earlierLastSeq(w.windowStartMs);
        if (base != null
                && w.seqCount > 0
                && (w.previousLastSeq == null || base > w.previousLastSeq)
                && base < firstSeq(w)) {
            w.previousLastSeq = base; // an earlier window was reported after this one
        }
        reported.put(w.windowStartMs, w);
        LedgerRecord r = record(ctx.getCurrentKey(), w);
        Long last = lastSeq.value();
        if (w.seqCount > 0 && (last == null || r.lastSeq > last)) {
            lastSeq.update(r.lastSeq); // later windows continue from it, as from a first report
        }
        out.collect(r);
        if (w.seqCount > 0) {
            rebaseNext(w.windowStartMs, r.lastSeq, ctx, out);
        }
    }

    /**
     * Late messages of a reported window may be the ones the next reported window counted as
     * missing (it continued from this window's old last sequence number): that window is corrected
     * too, continuing from the new one. Looks at most 64 windows ahead.
     */
    private void rebaseNext(long start, long newLastSeq, Context ctx, Collector<LedgerRecord> out)
            throws Exception {
        for (int i = 1; i <= 64; i++) {
            LedgerWindow next = reported.get(start + i * windowMs);
            if (next == null) {
                continue;
            }
            if (next.seqCount == 0) {
                // Nothing counted yet (a gateway report alone): later messages continue from here.
                next.previousLastSeq = newLastSeq;
                reported.put(next.windowStartMs, next);
            } else if (next.previousLastSeq != null
                    && next.previousLastSeq < newLastSeq
                    && newLastSeq < firstSeq(next)) {
                next.previousLastSeq = newLastSeq;
                next.revision++;
                corrections.inc();
                reported.put(next.windowStartMs, next);
                out.collect(record(ctx.getCurrentKey(), next));
            }
            return;
        }
    }

    private static LedgerRecord record(String deviceId, LedgerWindow w) {
        LedgerRecord r = LedgerAccounting.report(deviceId, w, w.previousLastSeq);
        r.revision = w.revision;
        r.late = w.late;
        r.refused = w.refused;
        return r;
    }
}
