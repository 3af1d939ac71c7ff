package io.fieldline.jobs.functions;

import io.fieldline.analytics.rul.RemainingLifeEstimator;
import io.fieldline.analytics.rul.RulEstimate;
import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.RemainingLifeState;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Predictive maintenance per device on its health metric (in event-time order): the analytics
 * remaining-life estimator projects the time left; one REMAINING_LIFE alert when the estimate first
 * drops below the horizon, another only when it worsens by a step (below half, then a quarter of
 * the horizon). An estimate back above the horizon (e.g. after maintenance) clears.
 */
public class RemainingLifeMonitor extends KeyedProcessFunction<String, Reading, AlertEvent> {
    static final int STEPS = 3;

    private final int window;
    private final double failureLevel;
    private final long horizonMs;
    private transient ValueState<RemainingLifeState> state;

    public RemainingLifeMonitor(int window, double failureLevel, long horizonMs) {
        this.window = window;
        this.failureLevel = failureLevel;
        this.horizonMs = horizonMs;
    }

    @Override
    public void open(OpenContext ctx) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "remaining-life", Types.POJO(RemainingLifeState.class)));
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<AlertEvent> out) throws Exception {
        RemainingLifeState st = state.value();
        if (st == null) {
            st = new RemainingLifeState();
            st.estimator =
                    new RemainingLifeEstimator(
                            window, failureLevel, 0, 10.0 * horizonMs, horizonMs);
        }
        RulEstimate est = st.estimator.update(r.eventTimeMs, r.value);
        if (st.estimator.filled >= window) {
            int step = step(est.remaining());
            if (step > st.alertedStep) {
                out.collect(alert(r, est, step));
                st.alertedStep = step;
            } else if (step == 0 && st.alertedStep > 0) {
                st.alertedStep = 0;
                out.collect(cleared(r, est));
            }
        }
        state.update(st);
    }

    /** 0 above the horizon; 1 below it, 2 below half of it, 3 below a quarter. */
    int step(double remainingMs) {
        int step = 0;
        double bound = horizonMs;
        while (step < STEPS && remainingMs < bound) {
            step++;
            bound /= 2;
        }
        return step;
    }

    private AlertEvent alert(Reading r, RulEstimate est, int step) {
        AlertEvent a =
                AlertEvent.create(
                        r.deviceId,
                        r.metric,
                        AlertKind.REMAINING_LIFE,
                        step == STEPS ? Severity.CRITICAL : Severity.WARNING,
                        r.eventTimeMs,
                        "remaining-life:step" + step);
        a.value = est.remaining();
        a.score = Math.max(0, Math.min(1, 1 - est.remaining() / horizonMs));
        a.message =
                String.format(
                        "%s: about %s left before %s reaches %s (range %s to %s)",
                        r.deviceId,
                        human(est.remaining()),
                        r.metric,
                        failureLevel,
                        human(est.low()),
                        human(est.high()));
        a.evidence.put("step", Integer.toString(step));
        a.evidence.put("horizonMs", Long.toString(horizonMs));
        a.evidence.put("level", Double.toString(est.level()));
        a.evidence.put("slopePerHour", Double.toString(est.slope() * 3_600_000));
        return a;
    }

    private static AlertEvent cleared(Reading r, RulEstimate est) {
        AlertEvent a =
                AlertEvent.create(
                        r.deviceId,
                        r.metric,
                        AlertKind.REMAINING_LIFE,
                        Severity.INFO,
                        r.eventTimeMs,
                        "remaining-life:cleared");
        a.cleared = true;
        a.value = est.remaining();
        a.message = r.deviceId + ": remaining life back above the horizon";
        return a;
    }

    static String human(double ms) {
        double hours = ms / 3_600_000;
        return hours >= 48
                ? String.format("%.1f days", hours / 24)
                : String.format("%.1f h", hours);
    }
}
