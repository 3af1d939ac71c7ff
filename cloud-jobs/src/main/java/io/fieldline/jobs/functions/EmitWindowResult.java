package io.fieldline.jobs.functions;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.Keys;
import io.fieldline.jobs.model.WindowResult;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a window's {@link Stats} into a {@link WindowResult} of the given window kind. */
public class EmitWindowResult
        extends ProcessWindowFunction<Stats, WindowResult, String, TimeWindow> {
    private final String windowKind;

    public EmitWindowResult(String windowKind) {
        this.windowKind = windowKind;
    }

    @Override
    public void process(
            String key, Context ctx, Iterable<Stats> stats, Collector<WindowResult> out) {
        for (Stats s : stats) {
            if (!s.isEmpty()) {
                out.collect(
                        WindowResult.of(
                                Keys.deviceOf(key),
                                Keys.metricOf(key),
                                ctx.window().getStart(),
                                ctx.window().getEnd(),
                                s,
                                windowKind));
            }
        }
    }
}
