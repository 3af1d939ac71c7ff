package io.fieldline.jobs;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.functions.EmitWindowResult;
import io.fieldline.jobs.functions.StatsAggregate;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.WindowResult;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/** The window aggregates of the topology. */
final class WindowBranch {
    private WindowBranch() {}

    static DataStream<WindowResult> aggregates(DataStream<Reading> readings, JobConfig cfg) {
        return readings.keyBy(Reading::deviceMetric)
                .window(TumblingEventTimeWindows.of(cfg.tumblingWindow))
                .aggregate(new StatsAggregate(), new EmitWindowResult("tumbling"))
                .name("tumbling-window")
                .uid("tumbling-window");
    }
}
