package io.fieldline.jobs.functions;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.Reading;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window aggregation of readings into a mergeable {@link Stats}. */
public class StatsAggregate implements AggregateFunction<Reading, Stats, Stats> {
    @Override
    public Stats createAccumulator() {
        return new Stats();
    }

    @Override
    public Stats add(Reading r, Stats acc) {
        return acc.add(r.eventTimeMs, r.value);
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
