package io.fieldline.gateway.functions;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.proto.EdgeAggregate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Per device/metric event-time tumbling windows summarised as mergeable {@link Stats}. A window is
 * emitted once the gateway clock passes its end plus the allowed lateness; a reading for an already
 * emitted window is refused (the caller counts it), never merged into a second partial silently.
 */
public final class EdgeAggregator {
    private record Key(String deviceId, String metric, long windowStartMs) {}

    private final long windowMs;
    private final long latenessMs;
    private final String gatewayId;
    private final Map<Key, Stats> open = new HashMap<>();
    private long closedBeforeMs = Long.MIN_VALUE;

    public EdgeAggregator(long windowMs, long latenessMs, String gatewayId) {
        this.windowMs = windowMs;
        this.latenessMs = latenessMs;
        this.gatewayId = gatewayId;
    }

    /** Adds a reading; false when its window was already emitted. */
    public synchronized boolean add(String deviceId, String metric, long eventTimeMs, double v) {
        long start = Math.floorDiv(eventTimeMs, windowMs) * windowMs;
        if (start + windowMs <= closedBeforeMs) {
            return false;
        }
        open.computeIfAbsent(new Key(deviceId, metric, start), k -> new Stats())
                .add(eventTimeMs, v);
        return true;
    }

    /** Emits (and forgets) every window whose end plus lateness is at or before {@code nowMs}. */
    public synchronized List<EdgeAggregate> emitUpTo(long nowMs) {
        long cutoff = nowMs - latenessMs;
        closedBeforeMs = Math.max(closedBeforeMs, Math.floorDiv(cutoff, windowMs) * windowMs);
        return drain(closedBeforeMs, nowMs);
    }

    /** Emits every open window, e.g. at shutdown. */
    public synchronized List<EdgeAggregate> emitAll(long nowMs) {
        return drain(Long.MAX_VALUE, nowMs);
    }

    public synchronized int openWindows() {
        return open.size();
    }

    private List<EdgeAggregate> drain(long endAtOrBefore, long nowMs) {
        List<EdgeAggregate> out = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Stats>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Stats> e = it.next();
            Key k = e.getKey();
            if (endAtOrBefore == Long.MAX_VALUE || k.windowStartMs() + windowMs <= endAtOrBefore) {
                out.add(toProto(k, e.getValue(), nowMs));
                it.remove();
            }
        }
        return out;
    }

    private EdgeAggregate toProto(Key k, Stats s, long nowMs) {
        return EdgeAggregate.newBuilder()
                .setDeviceId(k.deviceId())
                .setMetric(k.metric())
                .setWindowStartMs(k.windowStartMs())
                .setWindowEndMs(k.windowStartMs() + windowMs)
                .setCount(s.count)
                .setSum(s.sum)
                .setSumOfSquares(s.sumOfSquares)
                .setMin(s.min)
                .setMax(s.max)
                .setFirstTimeMs(s.firstTimeMs)
                .setLastTimeMs(s.lastTimeMs)
                .setGatewayId(gatewayId)
                .setEmitTimeMs(nowMs)
                .build();
    }

    /** The inverse of the emitted record, for consumers and tests that merge partials. */
    public static Stats toStats(EdgeAggregate a) {
        Stats s = new Stats();
        s.count = a.getCount();
        s.sum = a.getSum();
        s.sumOfSquares = a.getSumOfSquares();
        s.min = a.getMin();
        s.max = a.getMax();
        s.firstTimeMs = a.getFirstTimeMs();
        s.lastTimeMs = a.getLastTimeMs();
        return s;
    }
}
