package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.SilenceState;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per device, on readings in the device's event-time order (see {@link DeviceClock}): learns the
 * usual gap between readings and raises one SILENCE alert when a reading is overdue by {@code
 * factor} times that gap; the next reading clears it. Two ways to notice, one alert id (named by
 * the last reading): live, when no reading has reached this operator for that long in processing
 * time; and afterwards, when a reading arrives whose gap in event time was that long (a backlog
 * replayed after an outage, or data that came in a burst). State is dropped after {@code
 * forgetAfterMs} without a reading (processing time).
 */
public class SilenceDetector extends KeyedProcessFunction<String, Reading, AlertEvent> {
    static final String RULE_ID = "silence";
    private static final double ALPHA = 0.2;

    private final double factor;
    private final int minIntervals;
    private final long forgetAfterMs;
    private transient ValueState<SilenceState> state;

    public SilenceDetector(double factor, int minIntervals, long forgetAfterMs) {
        this.factor = factor;
        this.minIntervals = minIntervals;
        this.forgetAfterMs = forgetAfterMs;
    }

    @Override
    public void open(OpenContext ctx) {
        ValueStateDescriptor<SilenceState> d =
                new ValueStateDescriptor<>("silence", Types.POJO(SilenceState.class));
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(forgetAfterMs)).build());
        state = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<AlertEvent> out) throws Exception {
        SilenceState st = state.value();
        if (st == null) {
            st = new SilenceState();
        } else if (!st.silent && r.eventTimeMs <= st.lastEventMs) {
            return; // another measurement of the same message: nothing changes, nothing to write
        }
        if (st.silent) {
            st.silent = false;
            out.collect(cleared(r));
        } else if (st.deadlineMs != Long.MIN_VALUE && r.eventTimeMs > st.deadlineMs) {
            // The gap passed the deadline in event time while this operator saw nothing of it
            // live (a replayed backlog, or a burst): the silence happened all the same.
            out.collect(silence(ctx.getCurrentKey(), st, st.deadlineMs));
            out.collect(cleared(r));
        }
        if (r.eventTimeMs > st.lastEventMs) {
            learn(st, r.eventTimeMs);
            st.deadlineMs =
                    st.intervals >= minIntervals
                            ? st.lastEventMs + Math.max(1, Math.round(factor * st.meanIntervalMs))
                            : Long.MIN_VALUE;
        }
        st.lastArrivalMs = ctx.timerService().currentProcessingTime();
        if (st.deadlineMs != Long.MIN_VALUE && st.timerMs == 0) {
            st.timerMs = st.lastArrivalMs + overdueMs(st);
            ctx.timerService().registerProcessingTimeTimer(st.timerMs);
        }
        state.update(st);
    }

    private long overdueMs(SilenceState st) {
        return Math.max(1, Math.round(factor * st.meanIntervalMs));
    }

    private static void learn(SilenceState st, long ts) {
        if (st.lastEventMs != Long.MIN_VALUE) {
            long gap = ts - st.lastEventMs;
            st.meanIntervalMs =
                    st.intervals == 0 ? gap : st.meanIntervalMs + ALPHA * (gap - st.meanIntervalMs);
            st.intervals++;
        }
        st.lastEventMs = ts;
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        SilenceState st = state.value();
        if (st == null) {
            return;
        }
        st.timerMs = 0;
        if (!st.silent && st.deadlineMs != Long.MIN_VALUE) {
            long due = st.lastArrivalMs + overdueMs(st);
            if (ts >= due) {
                st.silent = true;
                out.collect(silence(ctx.getCurrentKey(), st, st.deadlineMs));
            } else {
                st.timerMs = due;
                ctx.timerService().registerProcessingTimeTimer(due);
            }
        }
        state.update(st);
    }

    /** A SILENCE alert at event time {@code ts} (the deadline the device missed). */
    private AlertEvent silence(String deviceId, SilenceState st, long ts) {
        AlertEvent a =
                AlertEvent.create(deviceId, "", AlertKind.SILENCE, Severity.WARNING, ts, RULE_ID);
        // The id names the last reading, so a replay that re-derives the same silence agrees.
        a.alertId = AlertEvent.idFor(deviceId, "", AlertKind.SILENCE, st.lastEventMs, RULE_ID);
        a.value = ts - st.lastEventMs;
        a.score = a.value / Math.max(1.0, st.meanIntervalMs);
        a.message =
                String.format(
                        "%s has sent nothing for %d ms (usual interval %.0f ms)",
                        deviceId, ts - st.lastEventMs, st.meanIntervalMs);
        a.evidence.put("lastEventMs", Long.toString(st.lastEventMs));
        a.evidence.put("meanIntervalMs", String.format("%.0f", st.meanIntervalMs));
        return a;
    }

    private static AlertEvent cleared(Reading r) {
        AlertEvent a =
                AlertEvent.create(
                        r.deviceId, "", AlertKind.SILENCE, Severity.INFO, r.eventTimeMs, RULE_ID);
        a.alertId =
                AlertEvent.idFor(
                        r.deviceId, "", AlertKind.SILENCE, r.eventTimeMs, RULE_ID + ":cleared");
        a.cleared = true;
        a.message = r.deviceId + " reports again";
        return a;
    }
}
