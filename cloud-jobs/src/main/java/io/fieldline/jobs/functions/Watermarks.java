package io.fieldline.jobs.functions;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.model.Inbound;
import org.apache.flink.api.common.eventtime.Watermark;
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
     * Rules are not events in time: their stream declares itself complete in event time, so the
     * operators that join it with readings follow the readings' watermark alone.
     */
    public static <T> WatermarkStrategy<T> timeless() {
        return WatermarkStrategy.forGenerator(ctx -> new AtEnd<>());
    }

    /**
     * Side inputs without event time of their own (the gateways' ledger reports): the stream
     * declares itself idle, so the operator joining it follows the other input's watermark alone.
     * With {@link #timeless()} instead, an idle telemetry input (before the first device, or in a
     * quiet spell) lets the join's watermark jump to the end of time and judge every later reading
     * too late.
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

    private static final class AtEnd<T> implements WatermarkGenerator<T> {
        private boolean emitted;

        @Override
        public void onEvent(T event, long ts, WatermarkOutput out) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {
            if (!emitted) {
                out.emitWatermark(new Watermark(Long.MAX_VALUE));
                emitted = true;
            }
        }
    }
}
