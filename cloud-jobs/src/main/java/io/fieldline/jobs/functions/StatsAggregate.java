package io.fieldline.jobs.functions;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.Partial;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation: merges partials (readings or edge aggregates) into Stats. */
public class StatsAggregate implements AggregateFunction<Partial, Stats, Stats> {
    @Override
    public Stats createAccumulator() {
        return new Stats();
    }

    @Override
    public Stats add(Partial p, Stats acc) {
        return acc.merge(p.stats);
    }

    @Override
    public Stats getResult(Stats acc) {
        return acc;
    }

    @Override
    public Stats merge(Stats a, Stats b) {
        return a.merge(b);
    }
}
