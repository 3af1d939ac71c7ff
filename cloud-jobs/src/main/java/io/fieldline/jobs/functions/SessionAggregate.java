package io.fieldline.jobs.functions;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.SessionStats;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Aggregates a device's session per metric; sessions merge when a reading bridges two. */
public class SessionAggregate implements AggregateFunction<Partial, SessionStats, SessionStats> {
    @Override
    public SessionStats createAccumulator() {
        return new SessionStats();
    }

    @Override
    public SessionStats add(Partial p, SessionStats acc) {
        acc.byMetric.computeIfAbsent(p.metric, m -> new Stats()).merge(p.stats);
        return acc;
    }

    @Override
    public SessionStats getResult(SessionStats acc) {
        return acc;
    }

    @Override
    public SessionStats merge(SessionStats a, SessionStats b) {
        b.byMetric.forEach((m, s) -> a.byMetric.computeIfAbsent(m, k -> new Stats()).merge(s));
        return a;
    }
}
