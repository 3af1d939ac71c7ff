package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.SessionStats;
import io.fieldline.jobs.model.WindowResult;
import java.util.TreeMap;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** One {@code session} window result per metric of a finished device session. */
public class EmitSessionResults
        extends ProcessWindowFunction<SessionStats, WindowResult, String, TimeWindow> {
    @Override
    public void process(
            String deviceId,
            Context ctx,
            Iterable<SessionStats> sessions,
            Collector<WindowResult> out) {
        for (SessionStats s : sessions) {
            new TreeMap<>(s.byMetric)
                    .forEach(
                            (metric, stats) ->
                                    out.collect(
                                            WindowResult.of(
                                                    deviceId,
                                                    metric,
                                                    ctx.window().getStart(),
                                                    ctx.window().getEnd(),
                                                    stats,
                                                    "session")));
        }
    }
}
