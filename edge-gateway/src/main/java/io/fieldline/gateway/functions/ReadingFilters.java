package io.fieldline.gateway.functions;

import io.fieldline.gateway.config.FilterRule;
import io.fieldline.gateway.model.FilterReason;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjIntConsumer;

/**
 * The per-metric filters configured by glob (range, token-bucket rate limit, downsampling,
 * deadband) and duplicate suppression by (device, seq, event time) over a bounded window. Splits
 * each reading's measurements into those to forward raw and those to aggregate, and reports every
 * dropped measurement with its reason.
 */
public final class ReadingFilters {
    /** Measurements that passed: to forward as telemetry, and to fold into edge aggregates. */
    public record Outcome(List<Measurement> raw, List<Measurement> aggregate) {}

    private final List<FilterRule> rules;
    private final int dedupWindow;
    private final ObjIntConsumer<FilterReason> filtered;
    private final Map<String, FilterRule> ruleByMetric = new ConcurrentHashMap<>();
    private final Map<String, DeviceFilterState> devices = new ConcurrentHashMap<>();

    public ReadingFilters(
            List<FilterRule> rules, int dedupWindow, ObjIntConsumer<FilterReason> filtered) {
        this.rules = List.copyOf(rules);
        this.dedupWindow = dedupWindow;
        this.filtered = filtered;
    }

    public Outcome apply(Telemetry t, long receivedAtMs) {
        DeviceFilterState state =
                devices.computeIfAbsent(t.getDeviceId(), d -> new DeviceFilterState(dedupWindow));
        List<Measurement> raw = new ArrayList<>(t.getMeasurementsCount());
        List<Measurement> aggregate = new ArrayList<>(0);
        synchronized (state) {
            if (!state.firstSighting(t.getSeq(), t.getEventTimeMs())) {
                filtered.accept(FilterReason.DUPLICATE, t.getMeasurementsCount());
                return new Outcome(List.of(), List.of());
            }
            for (Measurement m : t.getMeasurementsList()) {
                FilterRule rule = ruleFor(m.getMetric());
                FilterReason drop =
                        check(
                                rule,
                                state.metric(m.getMetric()),
                                m,
                                t.getEventTimeMs(),
                                receivedAtMs);
                if (drop != null) {
                    filtered.accept(drop, 1);
                    continue;
                }
                if (rule.forwardsRaw()) {
                    raw.add(m);
                }
                if (rule.aggregates()) {
                    aggregate.add(m);
                }
            }
        }
        return new Outcome(raw, aggregate);
    }

    /**
     * Forgets that {@code t} was seen: the gateway refused it (no PUBACK), so the device resends it
     * and the resend must not be suppressed as a duplicate.
     */
    public void forget(Telemetry t) {
        DeviceFilterState state = devices.get(t.getDeviceId());
        if (state != null) {
            synchronized (state) {
                state.forget(t.getSeq(), t.getEventTimeMs());
            }
        }
    }

    /** Outbox priority of a raw reading: that of its most important metric (lowest number). */
    public int outboxPriority(List<Measurement> raw) {
        int p = 127;
        for (Measurement m : raw) {
            p = Math.min(p, ruleFor(m.getMetric()).outboxPriority());
        }
        return p;
    }

    private static FilterReason check(
            FilterRule r, MetricFilterState s, Measurement m, long eventMs, long receivedMs) {
        double v = m.getValue();
        if (!Double.isNaN(r.min()) && v < r.min() || !Double.isNaN(r.max()) && v > r.max()) {
            return FilterReason.OUT_OF_RANGE;
        }
        if (r.ratePerSecond() > 0 && !s.takeToken(r.ratePerSecond(), r.burst(), receivedMs)) {
            return FilterReason.RATE_LIMITED;
        }
        if (s.hasLast() && r.downsampleMs() > 0 && eventMs - s.lastTimeMs < r.downsampleMs()) {
            return FilterReason.DOWNSAMPLED;
        }
        if (s.hasLast()
                && !Double.isNaN(r.deadband())
                && Math.abs(v - s.lastValue) < r.deadband()) {
            return FilterReason.DEADBAND;
        }
        s.lastValue = v;
        s.lastTimeMs = eventMs;
        return null;
    }

    FilterRule ruleFor(String metric) {
        return ruleByMetric.computeIfAbsent(
                metric,
                name ->
                        rules.stream()
                                .filter(r -> r.matches(name))
                                .findFirst()
                                .orElse(FilterRule.passThrough()));
    }
}
