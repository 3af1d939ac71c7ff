package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.SilenceState;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per device, on readings in event-time order (see {@link EventTimeSorter}): learns the usual gap
 * between readings and, once the watermark passes the last reading plus {@code factor} times that
 * gap, raises one SILENCE alert; the next reading clears it. Event-time timers keep it
 * deterministic. A device silent for {@code forgetAfterMs} after its alert is forgotten (state and
 * timers removed). The end-of-input watermark raises nothing.
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
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "silence", Types.POJO(SilenceState.class)));
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
            ctx.timerService().deleteEventTimeTimer(st.forgetAtMs);
            out.collect(cleared(r));
        } else if (st.deadlineMs != Long.MIN_VALUE && r.eventTimeMs > st.deadlineMs) {
            // The gap passed the deadline in event time, but no watermark fell inside it (the
            // sorter releases this reading before the watermark that would fire the timer, e.g.
            // after idleness or while catching up): the silence happened all the same.
            ctx.timerService().deleteEventTimeTimer(st.deadlineMs);
            out.collect(silence(ctx.getCurrentKey(), st, st.deadlineMs));
            out.collect(cleared(r));
            st.deadlineMs = Long.MIN_VALUE;
        }
        if (r.eventTimeMs > st.lastEventMs) {
            learn(st, r.eventTimeMs);
            if (st.intervals >= minIntervals) {
                long deadline =
                        st.lastEventMs + Math.max(1, Math.round(factor * st.meanIntervalMs));
                if (st.deadlineMs != Long.MIN_VALUE) {
                    ctx.timerService().deleteEventTimeTimer(st.deadlineMs);
                }
                ctx.timerService().registerEventTimeTimer(deadline);
                st.deadlineMs = deadline;
            }
        }
        state.update(st);
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
        if (ts == st.forgetAtMs && st.silent) {
            state.clear();
            return;
        }
        if (ts != st.deadlineMs || st.silent) {
            return;
        }
        st.deadlineMs = Long.MIN_VALUE;
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // End of a bounded input: the stream ended, the device did not go quiet.
            state.clear();
            return;
        }
        st.silent = true;
        st.forgetAtMs = ts + forgetAfterMs;
        ctx.timerService().registerEventTimeTimer(st.forgetAtMs);
        state.update(st);
        out.collect(silence(ctx.getCurrentKey(), st, ts));
    }

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
