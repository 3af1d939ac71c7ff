package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.LedgerWindow;
import io.fieldline.jobs.model.SeqMark;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per device: collects the sequence numbers of its messages per event-time window, joins the
 * gateway's ledger report for the same window, and — once the watermark passes the window end plus
 * a grace period for the gateway's report — emits the cloud ledger entry: received, expected,
 * missing, duplicated, shed. A device without data for {@code forgetMs} is forgotten.
 */
public class LossLedger
        extends KeyedCoProcessFunction<String, SeqMark, LedgerRecord, LedgerRecord> {
    private final long windowMs;
    private final long graceMs;
    private final long forgetMs;
    private transient MapState<Long, LedgerWindow> windows;
    private transient ValueState<Long> lastSeq;
    private transient ValueState<Long> forgetAt;
    private transient Counter tooLate;

    public LossLedger(long windowMs, long graceMs, long forgetMs) {
        this.windowMs = windowMs;
        this.graceMs = graceMs;
        this.forgetMs = forgetMs;
    }

    @Override
    public void open(OpenContext ctx) {
        windows =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "ledger-windows",
                                        Types.LONG,
                                        Types.POJO(LedgerWindow.class)));
        lastSeq =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("ledger-last-seq", Types.LONG));
        forgetAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("ledger-forget-at", Types.LONG));
        tooLate = getRuntimeContext().getMetricGroup().counter("fieldlineLedgerTooLate");
    }

    @Override
    public void processElement1(SeqMark m, Context ctx, Collector<LedgerRecord> out)
            throws Exception {
        LedgerWindow w = window(m.eventTimeMs, ctx);
        if (w != null) {
            w.addSeq(m.seq);
            windows.put(w.windowStartMs, w);
        }
    }

    @Override
    public void processElement2(LedgerRecord g, Context ctx, Collector<LedgerRecord> out)
            throws Exception {
        LedgerWindow w = window(g.windowStartMs, ctx);
        if (w != null) {
            w.addGateway(g);
            windows.put(w.windowStartMs, w);
        }
    }

    /** The open window containing {@code timeMs}, or null if it has already been reported. */
    private LedgerWindow window(long timeMs, Context ctx) throws Exception {
        long start = timeMs - Math.floorMod(timeMs, windowMs);
        long fireAt = start + windowMs - 1 + graceMs;
        if (fireAt <= ctx.timerService().currentWatermark()) {
            tooLate.inc();
            return null;
        }
        LedgerWindow w = windows.get(start);
        if (w == null) {
            w = new LedgerWindow();
            w.windowStartMs = start;
            w.windowEndMs = start + windowMs;
            ctx.timerService().registerEventTimeTimer(fireAt);
        }
        return w;
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<LedgerRecord> out) throws Exception {
        long start = ts + 1 - graceMs - windowMs;
        LedgerWindow w = windows.get(start);
        if (w != null) {
            windows.remove(start);
            report(w, ctx, out);
        }
        Long forget = forgetAt.value();
        if (forget != null && ts >= forget && windows.isEmpty()) {
            lastSeq.clear();
            forgetAt.clear();
        }
    }

    private void report(LedgerWindow w, OnTimerContext ctx, Collector<LedgerRecord> out)
            throws Exception {
        Long previous = lastSeq.value();
        LedgerRecord r = LedgerAccounting.report(ctx.getCurrentKey(), w, previous);
        if (w.seqCount > 0) {
            lastSeq.update(previous == null ? r.lastSeq : Math.max(previous, r.lastSeq));
        }
        out.collect(r);
        // The last sequence number is kept to see gaps across windows, until the device is gone.
        Long forget = forgetAt.value();
        if (forget != null) {
            ctx.timerService().deleteEventTimeTimer(forget);
        }
        long next = w.windowEndMs + graceMs + forgetMs;
        forgetAt.update(next);
        ctx.timerService().registerEventTimeTimer(next);
    }
}
