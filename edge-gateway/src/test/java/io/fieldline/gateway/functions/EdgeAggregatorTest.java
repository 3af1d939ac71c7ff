package io.fieldline.gateway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.proto.EdgeAggregate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class EdgeAggregatorTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long W = 10_000;

    @Test
    void emitsAWindowOnlyAfterItsEndPlusLatenessAndRefusesLaterReadings() {
        EdgeAggregator agg = new EdgeAggregator(W, 2_000, "gw");
        long start = T0 - Math.floorMod(T0, W);
        assertThat(agg.add("d", "t", start + 1, 1.0)).isTrue();
        assertThat(agg.add("d", "t", start + 9_999, 3.0)).isTrue();
        assertThat(agg.emitUpTo(start + W + 1_999)).isEmpty();
        List<EdgeAggregate> out = agg.emitUpTo(start + W + 2_000);
        assertThat(out).hasSize(1);
        EdgeAggregate a = out.get(0);
        assertThat(a.getWindowStartMs()).isEqualTo(start);
        assertThat(a.getWindowEndMs()).isEqualTo(start + W);
        assertThat(a.getCount()).isEqualTo(2);
        assertThat(a.getSum()).isEqualTo(4.0);
        assertThat(a.getSumOfSquares()).isEqualTo(10.0);
        assertThat(a.getMin()).isEqualTo(1.0);
        assertThat(a.getMax()).isEqualTo(3.0);
        assertThat(a.getFirstTimeMs()).isEqualTo(start + 1);
        assertThat(a.getLastTimeMs()).isEqualTo(start + 9_999);
        assertThat(a.getGatewayId()).isEqualTo("gw");
        assertThat(agg.add("d", "t", start + 5, 1.0)).isFalse();
        assertThat(agg.add("d", "t", start + W, 1.0)).isTrue();
        assertThat(agg.emitAll(start + W)).hasSize(1);
        assertThat(agg.openWindows()).isZero();
    }

    /**
     * Property: for random readings emitted as partials at random times (so one window may be split
     * over several partials only if lateness lets it reopen — it must not) the merge of all
     * partials per window equals the aggregate of the union of that window's readings.
     */
    @RepeatedTest(20)
    void mergedPartialsEqualTheAggregateOfTheUnion(RepetitionInfo rep) {
        Random rnd = new Random(rep.getCurrentRepetition());
        EdgeAggregator agg = new EdgeAggregator(W, 3_000, "gw");
        Map<String, Stats> expected = new HashMap<>();
        List<EdgeAggregate> partials = new ArrayList<>();
        long clock = T0;
        for (int i = 0; i < 500; i++) {
            clock += rnd.nextInt(200);
            long ts = clock - rnd.nextInt(5_000); // out of order, some too late
            String device = "d" + rnd.nextInt(3);
            double v = Math.round(rnd.nextGaussian() * 1000) / 8.0; // exact in binary
            if (agg.add(device, "t", ts, v)) {
                long start = Math.floorDiv(ts, W) * W;
                expected.computeIfAbsent(device + "@" + start, k -> new Stats()).add(ts, v);
            }
            if (rnd.nextInt(20) == 0) {
                partials.addAll(agg.emitUpTo(clock));
            }
        }
        partials.addAll(agg.emitAll(clock));
        Map<String, Stats> merged = new HashMap<>();
        for (EdgeAggregate a : partials) {
            merged.computeIfAbsent(a.getDeviceId() + "@" + a.getWindowStartMs(), k -> new Stats())
                    .merge(EdgeAggregator.toStats(a));
        }
        assertThat(merged.keySet()).isEqualTo(expected.keySet());
        expected.forEach(
                (k, s) -> {
                    Stats m = merged.get(k);
                    assertThat(m.count).as(k).isEqualTo(s.count);
                    assertThat(m.sum).as(k).isEqualTo(s.sum);
                    assertThat(m.sumOfSquares).as(k).isEqualTo(s.sumOfSquares);
                    assertThat(m.min).as(k).isEqualTo(s.min);
                    assertThat(m.max).as(k).isEqualTo(s.max);
                    assertThat(m.firstTimeMs).as(k).isEqualTo(s.firstTimeMs);
                    assertThat(m.lastTimeMs).as(k).isEqualTo(s.lastTimeMs);
                });
        // A window is emitted exactly once: no second partial for the same window.
        assertThat(partials).hasSize(expected.size());
    }

    /** Property on Stats itself: any split of readings into partials merges to the whole. */
    @RepeatedTest(20)
    void anySplitIntoPartialsMergesToTheWhole(RepetitionInfo rep) {
        Random rnd = new Random(1000 + rep.getCurrentRepetition());
        int n = 1 + rnd.nextInt(200);
        Stats whole = new Stats();
        List<Stats> parts = new ArrayList<>();
        Stats current = new Stats();
        for (int i = 0; i < n; i++) {
            long ts = T0 + rnd.nextInt(100_000);
            double v = rnd.nextInt(10_000) / 4.0;
            whole.add(ts, v);
            current.add(ts, v);
            if (rnd.nextInt(7) == 0) {
                parts.add(current);
                current = new Stats();
            }
        }
        parts.add(current);
        java.util.Collections.shuffle(parts, rnd);
        Stats merged = new Stats();
        parts.forEach(merged::merge);
        assertThat(merged.count).isEqualTo(whole.count);
        assertThat(merged.sum).isEqualTo(whole.sum);
        assertThat(merged.sumOfSquares).isEqualTo(whole.sumOfSquares);
        assertThat(merged.min).isEqualTo(whole.min);
        assertThat(merged.max).isEqualTo(whole.max);
        assertThat(merged.firstTimeMs).isEqualTo(whole.firstTimeMs);
        assertThat(merged.lastTimeMs).isEqualTo(whole.lastTimeMs);
    }
}
