package io.fieldline.jobs.functions;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.Keys;
import io.fieldline.jobs.model.Pane;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** A finished slide-sized tumbling window as a {@link Pane}. */
public class EmitPane extends ProcessWindowFunction<Stats, Pane, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<Stats> stats, Collector<Pane> out) {
        for (Stats s : stats) {
            Pane p = new Pane();
            p.deviceId = Keys.deviceOf(key);
            p.metric = Keys.metricOf(key);
            p.startMs = ctx.window().getStart();
            p.stats = s;
            out.collect(p);
        }
    }
}
