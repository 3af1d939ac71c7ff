package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.Reading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Re-emits one device's readings in event-time order (ties by sequence number, then metric) once
 * the watermark passes them, so the stateful detectors downstream see the same sequence whatever
 * the arrival order — which makes alerts, and their ids, reproducible after a replay. Keyed by
 * device, so one message's measurements share a timer. {@link RouteInbound} already diverts late
 * readings; any that still arrive behind this operator's watermark go to {@link #LATE}.
 */
public class EventTimeSorter extends KeyedProcessFunction<String, Reading, Reading> {
    public static final OutputTag<Reading> LATE = new OutputTag<>("late-readings") {};

    private transient MapState<Long, List<Reading>> buffer;
    private transient Counter late;

    @Override
    public void open(OpenContext ctx) {
        buffer =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(Types.POJO(Reading.class))));
        late = getRuntimeContext().getMetricGroup().counter("fieldlineLateAtSorter");
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<Reading> out) throws Exception {
        long ts = r.eventTimeMs;
        if (ts <= ctx.timerService().currentWatermark()) {
            late.inc();
            ctx.output(LATE, r);
            return;
        }
        List<Reading> atTs = buffer.get(ts);
        if (atTs == null) {
            atTs = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(ts);
        }
        atTs.add(r);
        buffer.put(ts, atTs);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Reading> out) throws Exception {
        List<Reading> atTs = buffer.get(ts);
        if (atTs == null) {
            return;
        }
        atTs.sort(Comparator.<Reading>comparingLong(r -> r.seq).thenComparing(r -> r.metric));
        for (Reading r : atTs) {
            out.collect(r);
        }
        buffer.remove(ts);
    }
}
