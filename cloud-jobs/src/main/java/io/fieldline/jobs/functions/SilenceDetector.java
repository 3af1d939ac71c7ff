package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.GatewaySilenceState;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.SilenceState;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Silence per device, keyed by gateway, on each device's readings in its event-time order (see
 * {@link DeviceClock}). It learns each device's usual gap between readings; a device overdue by
 * {@code factor} times that gap is silent: one SILENCE alert, cleared by its next reading. Two ways
 * to notice, one alert id (named by the last reading): live, in processing time; and afterwards,
 * when a reading arrives whose event-time gap was that long (a burst, or a backlog with a hole in
 * it).
 *
 * <p>When nothing at all comes from a gateway with two or more known devices for the shortest of
 * their silence bounds, its uplink or the gateway itself is down: one gateway-level SILENCE alert
 * (device id = gateway id, evidence {@code scope=gateway}) instead of one per device, cleared by
 * the gateway's next reading (usually its replayed backlog, which also fills every device's gap). A
 * device counts as silent on its own only once its gateway has sent something after the device's
 * deadline. Readings without a gateway id are their own gateway. State is dropped after {@code
 * forgetAfterMs} without a reading (processing time).
 */
public class SilenceDetector extends KeyedProcessFunction<String, Reading, AlertEvent> {
    static final String RULE_ID = "silence";
    static final String GATEWAY_RULE_ID = "gateway-silence";
    private static final double ALPHA = 0.2;
    private static final long RECHECK_MS = 1_000;

    private final double factor;
    private final int minIntervals;
    private final long forgetAfterMs;
    private final long minLiveMs;
    private transient long startedMs;
    private transient MapState<String, SilenceState> devices;
    private transient ValueState<GatewaySilenceState> gateway;

    public SilenceDetector(double factor, int minIntervals, long forgetAfterMs, long minLiveMs) {
        this.factor = factor;
        this.minIntervals = minIntervals;
        this.forgetAfterMs = forgetAfterMs;
        this.minLiveMs = minLiveMs;
    }

    /** The key: the reading's gateway, or the device itself when it came without one. */
    public static String gatewayOf(Reading r) {
        return r.gatewayId == null || r.gatewayId.isEmpty() ? "device:" + r.deviceId : r.gatewayId;
    }

    @Override
    public void open(OpenContext ctx) {
        StateTtlConfig ttl = StateTtl.of(forgetAfterMs);
        MapStateDescriptor<String, SilenceState> d =
                new MapStateDescriptor<>(
                        "silence-devices", Types.STRING, Types.POJO(SilenceState.class));
        d.enableTimeToLive(ttl);
        devices = getRuntimeContext().getMapState(d);
        ValueStateDescriptor<GatewaySilenceState> g =
                new ValueStateDescriptor<>(
                        "silence-gateway", Types.POJO(GatewaySilenceState.class));
        g.enableTimeToLive(ttl);
        gateway = getRuntimeContext().getState(g);
        startedMs = Long.MIN_VALUE; // set by the first callback, in the timer service's time
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<AlertEvent> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (startedMs == Long.MIN_VALUE) {
            startedMs = now;
        }
        GatewaySilenceState g = gateway.value();
        if (g == null) {
            g = new GatewaySilenceState();
        }
        if (g.silent) {
            g.silent = false;
            out.collect(gatewayCleared(ctx.getCurrentKey(), g, r));
        }
        g.lastArrivalMs = now;
        g.lastEventMs = Math.max(g.lastEventMs, r.eventTimeMs);
        SilenceState st = devices.get(r.deviceId);
        if (st == null) {
            st = new SilenceState();
        }
        if (st.silent || r.eventTimeMs > st.lastEventMs) {
            device(r, st, out);
            st.lastArrivalMs = now;
            devices.put(r.deviceId, st);
        }
        if (st.deadlineMs != Long.MIN_VALUE) {
            long due = now + liveMs(st);
            if (g.timerMs == 0 || due < g.timerMs) {
                // One timer per gateway, always at the earliest deadline of its devices.
                if (g.timerMs != 0) {
                    ctx.timerService().deleteProcessingTimeTimer(g.timerMs);
                }
                g.timerMs = due;
                ctx.timerService().registerProcessingTimeTimer(due);
            }
        }
        gateway.update(g);
    }

    /** One device's next reading: clears or reports its silence, and learns its interval. */
    private void device(Reading r, SilenceState st, Collector<AlertEvent> out) {
        if (st.silent) {
            st.silent = false;
            out.collect(cleared(r));
        } else if (st.deadlineMs != Long.MIN_VALUE && r.eventTimeMs > st.deadlineMs) {
            // The gap passed the deadline in event time while this operator saw nothing of it
            // live: the silence happened all the same.
            out.collect(silence(r.deviceId, st, st.deadlineMs));
            out.collect(cleared(r));
        }
        if (r.eventTimeMs > st.lastEventMs) {
            learn(st, r.eventTimeMs);
            st.deadlineMs =
                    st.intervals >= minIntervals ? st.lastEventMs + overdueMs(st) : Long.MIN_VALUE;
        }
    }

    private long overdueMs(SilenceState st) {
        return Math.max(1, Math.round(factor * st.meanIntervalMs));
    }

    /**
     * How long nothing may arrive (processing time) before a device is silent live: its event-time
     * bound, but never less than {@code minLiveMs} — data published slower than it happened (a
     * replay, a loaded machine) is not a silence; the event-time check still finds real gaps.
     */
    private long liveMs(SilenceState st) {
        return Math.max(overdueMs(st), minLiveMs);
    }

    /**
     * When the device last arrived, or this operator started (timers of a restore fire at once).
     */
    private long arrivedMs(long lastArrivalMs) {
        return Math.max(lastArrivalMs, startedMs);
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
        if (startedMs == Long.MIN_VALUE) {
            startedMs = ts; // the first thing after a restore: give devices a full bound again
        }
        GatewaySilenceState g = gateway.value();
        if (g == null) {
            return;
        }
        g.timerMs = 0;
        if (g.silent) {
            gateway.update(g);
            return; // nothing more until the gateway sends again
        }
        // Devices with a learned interval that are not already alerted.
        List<Map.Entry<String, SilenceState>> active = new ArrayList<>();
        for (Map.Entry<String, SilenceState> e : devices.entries()) {
            if (e.getValue().deadlineMs != Long.MIN_VALUE && !e.getValue().silent) {
                active.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        long next = Long.MAX_VALUE;
        List<Map.Entry<String, SilenceState>> overdue = new ArrayList<>();
        for (Map.Entry<String, SilenceState> e : active) {
            long due = arrivedMs(e.getValue().lastArrivalMs) + liveMs(e.getValue());
            if (ts < due) {
                next = Math.min(next, due);
            } else {
                overdue.add(e);
            }
        }
        if (active.size() >= 2 && overdue.size() == active.size()) {
            // Nothing from any of its devices: the uplink or the gateway, not each device.
            g.silent = true;
            g.silentDevices = active.size();
            out.collect(gatewaySilence(ctx.getCurrentKey(), g, ts));
            gateway.update(g);
            return;
        }
        boolean undecided = false;
        for (Map.Entry<String, SilenceState> e : overdue) {
            SilenceState st = e.getValue();
            long due = arrivedMs(st.lastArrivalMs) + liveMs(st);
            if (g.lastArrivalMs > due || active.size() < 2) {
                // Its gateway sent something after its deadline: this device alone is silent.
                st.silent = true;
                devices.put(e.getKey(), st);
                out.collect(silence(e.getKey(), st, st.deadlineMs));
            } else {
                undecided = true; // the device, or soon its whole gateway?
            }
        }
        if (undecided) {
            next = Math.min(next, ts + RECHECK_MS);
        }
        if (next != Long.MAX_VALUE) {
            g.timerMs = Math.max(next, ts + 1);
            ctx.timerService().registerProcessingTimeTimer(g.timerMs);
        }
        gateway.update(g);
    }

    private AlertEvent gatewaySilence(String gatewayId, GatewaySilenceState g, long nowMs) {
        AlertEvent a =
                AlertEvent.create(
                        gatewayId,
                        "",
                        AlertKind.SILENCE,
                        Severity.WARNING,
                        g.lastEventMs,
                        GATEWAY_RULE_ID);
        a.alertId =
                AlertEvent.idFor(gatewayId, "", AlertKind.SILENCE, g.lastEventMs, GATEWAY_RULE_ID);
        a.value = nowMs - g.lastArrivalMs;
        a.message =
                String.format(
                        "gateway %s: nothing from any of its %d devices for %d ms — uplink down"
                                + " or gateway stopped (its devices are not alerted one by one)",
                        gatewayId, g.silentDevices, nowMs - g.lastArrivalMs);
        a.evidence.put("scope", "gateway");
        a.evidence.put("devices", Integer.toString(g.silentDevices));
        a.evidence.put("lastEventMs", Long.toString(g.lastEventMs));
        return a;
    }

    private static AlertEvent gatewayCleared(String gatewayId, GatewaySilenceState g, Reading r) {
        AlertEvent a =
                AlertEvent.create(
                        gatewayId,
                        "",
                        AlertKind.SILENCE,
                        Severity.INFO,
                        r.eventTimeMs,
                        GATEWAY_RULE_ID);
        a.alertId =
                AlertEvent.idFor(
                        gatewayId,
                        "",
                        AlertKind.SILENCE,
                        g.lastEventMs,
                        GATEWAY_RULE_ID + ":cleared");
        a.cleared = true;
        a.message = "gateway " + gatewayId + " reports again (a backlog may follow)";
        a.evidence.put("scope", "gateway");
        return a;
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
