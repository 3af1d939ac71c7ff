package io.fieldline.api.model;

import io.fieldline.proto.WindowAggregate;
import io.micronaut.serde.annotation.Serdeable;

/** A {@code WindowAggregate} as the API returns it (sums omitted; mean and extremes kept). */
@Serdeable
public record AggregateJson(
        String deviceId,
        String metric,
        long windowStartMs,
        long windowEndMs,
        long count,
        double min,
        double max,
        double mean,
        String windowKind) {

    public static AggregateJson of(WindowAggregate a) {
        return new AggregateJson(
                a.getDeviceId(),
                a.getMetric(),
                a.getWindowStartMs(),
                a.getWindowEndMs(),
                a.getCount(),
                a.getMin(),
                a.getMax(),
                a.getMean(),
                a.getWindowKind());
    }
}
