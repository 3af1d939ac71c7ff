package io.fieldline.jobs;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.functions.EmitPane;
import io.fieldline.jobs.functions.EmitSessionResults;
import io.fieldline.jobs.functions.EmitWindowResult;
import io.fieldline.jobs.functions.SessionAggregate;
import io.fieldline.jobs.functions.SlidingFromPanes;
import io.fieldline.jobs.functions.StatsAggregate;
import io.fieldline.jobs.model.Pane;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.WindowResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The window aggregates: tumbling and sliding (from slide-sized panes) per device/metric, activity
 * sessions per device. Inputs are partials (raw readings and edge aggregates), merged exactly; an
 * edge window must lie inside one cloud window (edge window size dividing the cloud window size and
 * slide).
 */
final class WindowBranch {
    private WindowBranch() {}

    static DataStream<WindowResult> aggregates(DataStream<Partial> partials, JobConfig cfg) {
        DataStream<WindowResult> out =
                partials.keyBy(Partial::deviceMetric, Types.STRING)
                        .window(TumblingEventTimeWindows.of(cfg.tumblingWindow))
                        .aggregate(new StatsAggregate(), new EmitWindowResult("tumbling"))
                        .name("tumbling-window")
                        .uid("tumbling-window");
        if (!cfg.slidingWindow.isZero()) {
            DataStream<Pane> panes =
                    partials.keyBy(Partial::deviceMetric, Types.STRING)
                            .window(TumblingEventTimeWindows.of(cfg.slidingSlide))
                            .aggregate(new StatsAggregate(), new EmitPane())
                            .name("sliding-panes")
                            .uid("sliding-panes");
            out =
                    out.union(
                            panes.keyBy(Pane::deviceMetric, Types.STRING)
                                    .process(
                                            new SlidingFromPanes(
                                                    cfg.slidingWindow.toMillis(),
                                                    cfg.slidingSlide.toMillis()))
                                    .name("sliding-window")
                                    .uid("sliding-window"));
        }
        if (!cfg.sessionGap.isZero()) {
            out =
                    out.union(
                            partials.keyBy(p -> p.deviceId, Types.STRING)
                                    .window(EventTimeSessionWindows.withGap(cfg.sessionGap))
                                    .aggregate(new SessionAggregate(), new EmitSessionResults())
                                    .name("session-window")
                                    .uid("session-window"));
        }
        return out;
    }
}
