package io.fieldline.jobs.functions;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.EmittedWindow;
import io.fieldline.jobs.model.OpenWindows;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.WindowResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One device's window aggregates on its own clock ({@link DeviceClock}'s output). Tumbling windows
 * close when the device's next in-order reading falls into a later window, or on a tick; sliding
 * windows are sums of tumbling panes; an activity session closes after a gap without readings.
 *
 * <p>Every emitted tumbling and sliding window is kept for the lateness bound (pruned by the
 * device's event time; a state TTL forgets a device that never returns), so data that comes after
 * its window was emitted — a late reading, an edge aggregate, readings of a device that resumed
 * after an idle flush — produces the window again, merged exactly, with the next revision
 * (accumulating panes: each revision carries the whole window, consumers keep the highest).
 * Sessions are built from in-order readings only and never revised.
 */
public class DeviceWindows extends KeyedProcessFunction<String, Partial, WindowResult> {
    /** Beyond this many windows of history to forget, sweep the device's history instead. */
    private static final int MAX_PRUNE_STEPS = 64;

    private final Settings settings;
    private transient ValueState<OpenWindows> open;
    private transient MapState<String, EmittedWindow> emitted;
    private transient Counter corrections;

    /**
     * Window sizes in ms (a zero sliding size or session gap turns that kind off) and how long an
     * emitted window stays correctable. Sliding size and slide are multiples of the tumbling size.
     */
    public record Settings(
            long tumbling, long slidingSize, long slidingSlide, long sessionGap, long keepMs)
            implements Serializable {}

    public DeviceWindows(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext ctx) {
        StateTtlConfig ttl = StateTtl.of(settings.keepMs);
        ValueStateDescriptor<OpenWindows> openDesc =
                new ValueStateDescriptor<>("open-windows", Types.POJO(OpenWindows.class));
        openDesc.enableTimeToLive(ttl);
        open = getRuntimeContext().getState(openDesc);
        MapStateDescriptor<String, EmittedWindow> emittedDesc =
                new MapStateDescriptor<>(
                        "emitted-windows", Types.STRING, Types.POJO(EmittedWindow.class));
        emittedDesc.enableTimeToLive(ttl);
        emitted = getRuntimeContext().getMapState(emittedDesc);
        corrections = getRuntimeContext().getMetricGroup().counter("fieldlineWindowCorrections");
    }

    @Override
    public void processElement(Partial p, Context ctx, Collector<WindowResult> out)
            throws Exception {
        OpenWindows ow = open.value();
        if (ow == null) {
            ow = new OpenWindows();
        }
        String device = ctx.getCurrentKey();
        switch (p.kind) {
            case Partial.ORDERED -> {
                long start = start(p.timeMs);
                if (ow.tumblingStartMs != Long.MIN_VALUE && start != ow.tumblingStartMs) {
                    closeTumbling(device, ow, out);
                }
                ow.tumblingStartMs = start;
                // The device's readings of one event time: one state read and write for all.
                for (Reading r : p.readings) {
                    Partial one = Partial.of(r, Partial.ORDERED);
                    ow.tumbling.merge(r.metric, one.stats, Stats::merge);
                    addToSession(device, ow, one, true, out);
                }
            }
            case Partial.LATE, Partial.EDGE -> {
                long start = start(p.timeMs);
                if (start == ow.tumblingStartMs) {
                    ow.tumbling.merge(p.metric, p.stats.copy(), Stats::merge);
                } else {
                    emitTumbling(device, p.metric, start, p.stats, ow, out);
                }
                addToSession(device, ow, p, false, out);
            }
            case Partial.TICK -> tick(device, ow, p.timeMs, out);
            default -> throw new IllegalStateException("unknown partial kind " + p.kind);
        }
        open.update(ow);
    }

    private void tick(String device, OpenWindows ow, long clockMs, Collector<WindowResult> out)
            throws Exception {
        boolean all = clockMs == Long.MAX_VALUE;
        if (ow.tumblingStartMs != Long.MIN_VALUE
                && (all || clockMs >= ow.tumblingStartMs + settings.tumbling)) {
            closeTumbling(device, ow, out);
        }
        if (ow.sessionStartMs != Long.MIN_VALUE
                && (all || clockMs - ow.sessionLastMs > settings.sessionGap)) {
            closeSession(device, ow, out);
        }
        if (all && settings.slidingSize > 0) {
            // Emit the trailing sliding windows that still hold the last panes.
            for (Map.Entry<String, Long> e : new TreeMap<>(ow.lastPane).entrySet()) {
                long reach = e.getValue() + settings.slidingSize;
                emitSliding(device, e.getKey(), Long.MIN_VALUE, alignDown(reach), ow, out);
            }
        }
    }

    private long alignDown(long endMs) {
        return endMs - Math.floorMod(endMs, settings.slidingSlide);
    }

    private long start(long timeMs) {
        return timeMs - Math.floorMod(timeMs, settings.tumbling);
    }

    private void closeTumbling(String device, OpenWindows ow, Collector<WindowResult> out)
            throws Exception {
        for (Map.Entry<String, Stats> e : new TreeMap<>(ow.tumbling).entrySet()) {
            emitTumbling(device, e.getKey(), ow.tumblingStartMs, e.getValue(), ow, out);
        }
        if (settings.slidingSize > 0) {
            // Metrics without data in this pane: their sliding windows up to here are complete.
            long frontier = alignDown(ow.tumblingStartMs + settings.tumbling);
            for (String metric : new TreeMap<>(ow.lastPane).keySet()) {
                if (!ow.tumbling.containsKey(metric)) {
                    emitSliding(device, metric, Long.MIN_VALUE, frontier, ow, out);
                }
            }
        }
        prune(ow, ow.tumblingStartMs);
        ow.tumbling.clear();
        ow.tumblingStartMs = Long.MIN_VALUE;
    }

    /**
     * Forgets the emitted windows that can no longer change: the device's clock has reached {@code
     * nowMs}, and the device clock refuses data older than the lateness bound, so windows ending
     * before {@code nowMs - keepMs} are final. Usually one window per metric per call; after a long
     * quiet spell the device's history is swept once instead.
     */
    private void prune(OpenWindows ow, long nowMs) throws Exception {
        long horizon = nowMs - settings.keepMs;
        if (ow.historyFromMs == Long.MIN_VALUE || horizon <= ow.historyFromMs) {
            if (ow.historyFromMs == Long.MIN_VALUE) {
                ow.historyFromMs = nowMs;
            }
            return;
        }
        long t = settings.tumbling;
        // A sliding window that can still be revised needs every pane it holds.
        long paneHorizon = horizon - settings.slidingSize;
        if ((horizon - ow.historyFromMs) / t > MAX_PRUNE_STEPS) {
            List<String> gone = new ArrayList<>();
            for (String key : emitted.keys()) {
                long time = Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
                if (key.charAt(0) == 't' ? time + t <= paneHorizon : time <= horizon) {
                    gone.add(key);
                }
            }
            for (String key : gone) {
                emitted.remove(key);
            }
        } else {
            for (String metric : ow.metrics) {
                for (long s = ow.historyFromMs - settings.slidingSize;
                        s + t <= paneHorizon;
                        s += t) {
                    emitted.remove("t|" + metric + "|" + s);
                }
                if (settings.slidingSize > 0) {
                    long slide = settings.slidingSlide;
                    long first = ow.historyFromMs + slide - Math.floorMod(ow.historyFromMs, slide);
                    for (long end = first; end <= horizon; end += slide) {
                        emitted.remove("s|" + metric + "|" + end);
                    }
                }
            }
        }
        ow.historyFromMs = horizon - Math.floorMod(horizon, t);
    }

    /** Emits the tumbling window {@code start} of {@code metric} with {@code add} merged in. */
    private void emitTumbling(
            String device,
            String metric,
            long start,
            Stats add,
            OpenWindows ow,
            Collector<WindowResult> out)
            throws Exception {
        String key = "t|" + metric + "|" + start;
        EmittedWindow prev = emitted.get(key);
        Stats merged = prev == null ? add.copy() : prev.stats.copy().merge(add);
        int revision = prev == null ? 1 : prev.revision + 1;
        if (prev != null) {
            corrections.inc();
        } else if (!ow.metrics.contains(metric)) {
            ow.metrics.add(metric);
        }
        emitted.put(key, new EmittedWindow(merged, revision));
        out.collect(
                result(
                        device,
                        metric,
                        start,
                        start + settings.tumbling,
                        merged,
                        "tumbling",
                        revision));
        if (settings.slidingSize > 0) {
            long paneEnd = start + settings.tumbling;
            long frontier =
                    Math.max(
                            ow.slidingFrontier.getOrDefault(metric, Long.MIN_VALUE),
                            alignDown(paneEnd));
            emitSliding(device, metric, start, frontier, ow, out);
        }
    }

    /**
     * Emits, up to {@code frontier}, every sliding window of {@code metric} that holds the pane at
     * {@code paneStart} (again, as a correction, if it was emitted before; {@link Long#MIN_VALUE}:
     * no pane changed) and every window not yet emitted that holds an earlier pane.
     */
    private void emitSliding(
            String device,
            String metric,
            long paneStart,
            long frontier,
            OpenWindows ow,
            Collector<WindowResult> out)
            throws Exception {
        long slide = settings.slidingSlide;
        long size = settings.slidingSize;
        long previousFrontier = ow.slidingFrontier.getOrDefault(metric, Long.MIN_VALUE);
        long previousLastPane = ow.lastPane.getOrDefault(metric, Long.MIN_VALUE);
        boolean changed = paneStart != Long.MIN_VALUE;
        long from = Long.MAX_VALUE;
        if (changed) {
            from = paneStart + slide - Math.floorMod(paneStart, slide);
        }
        if (previousFrontier != Long.MIN_VALUE) {
            from = Math.min(from, previousFrontier + slide);
        }
        // Endings beyond the previous last pane's reach hold nothing but the changed pane.
        long reach = previousLastPane == Long.MIN_VALUE ? Long.MIN_VALUE : previousLastPane + size;
        for (long end = from; end <= frontier; end += slide) {
            boolean holdsPane = changed && end > paneStart && end <= paneStart + size;
            boolean unsent = end > previousFrontier && end <= reach;
            if (holdsPane || unsent) {
                emitSlidingWindow(device, metric, end, out);
            }
        }
        ow.slidingFrontier.put(metric, Math.max(previousFrontier, frontier));
        if (changed) {
            ow.lastPane.put(metric, Math.max(previousLastPane, paneStart));
        }
    }

    private void emitSlidingWindow(
            String device, String metric, long end, Collector<WindowResult> out) throws Exception {
        Stats sum = new Stats();
        for (long s = end - settings.slidingSize; s < end; s += settings.tumbling) {
            EmittedWindow pane = emitted.get("t|" + metric + "|" + s);
            if (pane != null) {
                sum.merge(pane.stats);
            }
        }
        if (sum.isEmpty()) {
            return;
        }
        String key = "s|" + metric + "|" + end;
        EmittedWindow prev = emitted.get(key);
        int revision = prev == null ? 1 : prev.revision + 1;
        emitted.put(key, new EmittedWindow(null, revision));
        out.collect(
                result(device, metric, end - settings.slidingSize, end, sum, "sliding", revision));
    }

    private void addToSession(
            String device, OpenWindows ow, Partial p, boolean ordered, Collector<WindowResult> out)
            throws Exception {
        if (settings.sessionGap <= 0) {
            return;
        }
        boolean inOpen =
                ow.sessionStartMs != Long.MIN_VALUE
                        && p.timeMs >= ow.sessionStartMs
                        && p.timeMs - ow.sessionLastMs <= settings.sessionGap;
        if (!ordered && !inOpen) {
            return; // sessions are not revised: data outside the open session is left out
        }
        if (ordered && !inOpen && ow.sessionStartMs != Long.MIN_VALUE) {
            closeSession(device, ow, out);
        }
        if (ow.sessionStartMs == Long.MIN_VALUE) {
            ow.sessionStartMs = p.stats.firstTimeMs;
        }
        ow.session.merge(p.metric, p.stats.copy(), Stats::merge);
        ow.sessionLastMs = Math.max(ow.sessionLastMs, p.stats.lastTimeMs);
    }

    private void closeSession(String device, OpenWindows ow, Collector<WindowResult> out) {
        long end = ow.sessionLastMs + settings.sessionGap;
        new TreeMap<>(ow.session)
                .forEach(
                        (metric, stats) ->
                                out.collect(
                                        result(
                                                device,
                                                metric,
                                                ow.sessionStartMs,
                                                end,
                                                stats,
                                                "session",
                                                1)));
        ow.session.clear();
        ow.sessionStartMs = Long.MIN_VALUE;
        ow.sessionLastMs = Long.MIN_VALUE;
    }

    private static WindowResult result(
            String device, String metric, long start, long end, Stats s, String kind, int rev) {
        WindowResult w = WindowResult.of(device, metric, start, end, s, kind);
        w.revision = rev;
        return w;
    }
}
