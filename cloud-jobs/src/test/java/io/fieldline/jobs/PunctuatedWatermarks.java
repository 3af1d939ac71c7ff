package io.fieldline.jobs;

import io.fieldline.jobs.model.Inbound;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Test watermarks that follow every record (max event time minus the bound), so a bounded in-memory
 * input sees the watermark advance mid-stream exactly as written — late readings and silence timers
 * become deterministic.
 */
final class PunctuatedWatermarks implements WatermarkGenerator<Inbound> {
    private final long boundMs;
    private long max = Long.MIN_VALUE;

    private PunctuatedWatermarks(long boundMs) {
        this.boundMs = boundMs;
    }

    static WatermarkStrategy<Inbound> strategy(Duration bound) {
        return WatermarkStrategy.<Inbound>forGenerator(
                        ctx -> new PunctuatedWatermarks(bound.toMillis()))
                .withTimestampAssigner((in, ts) -> in.eventTimeMs());
    }

    @Override
    public void onEvent(Inbound event, long ts, WatermarkOutput out) {
        if (ts > max) {
            max = ts;
            out.emitWatermark(new Watermark(max - boundMs - 1));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput out) {}
}
