package io.fieldline.jobs.functions;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.model.Inbound;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The job's event-time policy: bounded out-of-orderness plus idleness for sparse partitions. */
public final class Watermarks {
    private Watermarks() {}

    public static WatermarkStrategy<Inbound> forInbound(JobConfig cfg) {
        return WatermarkStrategy.<Inbound>forBoundedOutOfOrderness(cfg.outOfOrderness)
                .withTimestampAssigner((in, ts) -> in.eventTimeMs())
                .withIdleness(cfg.idleness);
    }

    /**
     * Side inputs without event time of their own (rules, the gateways' ledger reports): the stream
     * declares itself idle, so the operator joining it follows the other input's watermark alone.
     * An end-of-time watermark instead would, whenever telemetry is idle (before the first device,
     * or in a quiet spell such as an edge outage), let the join's watermark jump to the end of time
     * and judge every later reading too late.
     */
    public static <T> WatermarkStrategy<T> idleSideInput() {
        return WatermarkStrategy.forGenerator(ctx -> new AlwaysIdle<>());
    }

    private static final class AlwaysIdle<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long ts, WatermarkOutput out) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {
            out.markIdle();
        }
    }
}
