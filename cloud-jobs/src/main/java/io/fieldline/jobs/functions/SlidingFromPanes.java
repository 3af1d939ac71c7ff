package io.fieldline.jobs.functions;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.Keys;
import io.fieldline.jobs.model.Pane;
import io.fieldline.jobs.model.WindowResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sliding windows assembled from slide-sized panes: a reading updates one pane instead of
 * size/slide overlapping windows (five with the defaults), which matters with RocksDB. Each window
 * ending at a slide boundary is emitted when the watermark reaches it, merged exactly from its
 * panes — the same results as Flink's sliding windows. Panes no later window needs are removed, so
 * an idle series holds no state.
 */
public class SlidingFromPanes extends KeyedProcessFunction<String, Pane, WindowResult> {
    private final long sizeMs;
    private final long slideMs;
    private transient MapState<Long, Stats> panes;

    public SlidingFromPanes(long sizeMs, long slideMs) {
        if (slideMs <= 0 || sizeMs % slideMs != 0) {
            throw new IllegalArgumentException(
                    "sliding window size "
                            + sizeMs
                            + " ms must be a multiple of the slide "
                            + slideMs);
        }
        this.sizeMs = sizeMs;
        this.slideMs = slideMs;
    }

    @Override
    public void open(OpenContext ctx) {
        panes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "panes", Types.LONG, Types.POJO(Stats.class)));
    }

    @Override
    public void processElement(Pane p, Context ctx, Collector<WindowResult> out) throws Exception {
        Stats existing = panes.get(p.startMs);
        panes.put(p.startMs, existing == null ? p.stats : existing.merge(p.stats));
        for (long end = p.startMs + slideMs; end <= p.startMs + sizeMs; end += slideMs) {
            ctx.timerService().registerEventTimeTimer(end - 1);
        }
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<WindowResult> out) throws Exception {
        long end = ts + 1;
        long start = end - sizeMs;
        Stats window = new Stats();
        List<Long> expired = new ArrayList<>();
        for (Map.Entry<Long, Stats> e : panes.entries()) {
            long paneStart = e.getKey();
            if (paneStart >= start && paneStart < end) {
                window.merge(e.getValue());
            }
            if (paneStart < end + slideMs - sizeMs) {
                expired.add(paneStart); // no later window covers it
            }
        }
        for (Long paneStart : expired) {
            panes.remove(paneStart);
        }
        if (!window.isEmpty()) {
            String key = ctx.getCurrentKey();
            out.collect(
                    WindowResult.of(
                            Keys.deviceOf(key), Keys.metricOf(key), start, end, window, "sliding"));
        }
    }
}
