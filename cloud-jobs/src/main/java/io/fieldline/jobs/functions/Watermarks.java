package io.fieldline.jobs.functions;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.model.Inbound;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The job's event-time policy: bounded out-of-orderness plus idleness for sparse partitions. */
public final class Watermarks {
    private Watermarks() {}

    public static WatermarkStrategy<Inbound> forInbound(JobConfig cfg) {
        return WatermarkStrategy.<Inbound>forBoundedOutOfOrderness(cfg.outOfOrderness)
                .withTimestampAssigner((in, ts) -> in.eventTimeMs())
                .withIdleness(cfg.idleness);
    }
}
