package io.fieldline.jobs.model;

import io.fieldline.analytics.aggregate.Stats;
import java.util.Objects;

/** A finished window of one device/metric; becomes a {@code WindowAggregate} at the sink. */
public class WindowResult {
    public String deviceId;
    public String metric;
    public long windowStartMs;
    public long windowEndMs;
    public long count;
    public double min;
    public double max;
    public double mean;
    public double sum;
    public double sumOfSquares;
    public String windowKind;

    /** 1 for the first result of this window, then one more for each correction. */
    public int revision = 1;

    public WindowResult() {}

    public static WindowResult of(
            String deviceId, String metric, long start, long end, Stats s, String kind) {
        WindowResult w = new WindowResult();
        w.deviceId = deviceId;
        w.metric = metric;
        w.windowStartMs = start;
        w.windowEndMs = end;
        w.count = s.count;
        w.min = s.min;
        w.max = s.max;
        w.mean = s.mean();
        w.sum = s.sum;
        w.sumOfSquares = s.sumOfSquares;
        w.windowKind = kind;
        return w;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WindowResult w)) {
            return false;
        }
        return windowStartMs == w.windowStartMs
                && windowEndMs == w.windowEndMs
                && count == w.count
                && Double.compare(min, w.min) == 0
                && Double.compare(max, w.max) == 0
                && Double.compare(mean, w.mean) == 0
                && Double.compare(sum, w.sum) == 0
                && Double.compare(sumOfSquares, w.sumOfSquares) == 0
                && Objects.equals(deviceId, w.deviceId)
                && Objects.equals(metric, w.metric)
                && revision == w.revision
                && Objects.equals(windowKind, w.windowKind);
    }

    /** The window's identity across revisions: device|metric|kind|start. */
    public String key() {
        return deviceId + "|" + metric + "|" + windowKind + "|" + windowStartMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, metric, windowStartMs, windowEndMs, windowKind, count);
    }

    @Override
    public String toString() {
        return String.format(
                "%s %s/%s [%d,%d) r%d n=%d min=%s max=%s mean=%s sum=%s",
                windowKind,
                deviceId,
                metric,
                windowStartMs,
                windowEndMs,
                revision,
                count,
                min,
                max,
                mean,
                sum);
    }
}
