package io.fieldline.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Merge laws: merging partial summaries equals summarising everything at once, in any grouping. */
class StatsTest {
    private static Stats of(long seed, int n) {
        Random r = new Random(seed);
        Stats s = new Stats();
        for (int i = 0; i < n; i++) {
            s.add(1000L * seed + i, r.nextGaussian() * 5 + seed);
        }
        return s;
    }

    private static void assertSame(Stats a, Stats b) {
        assertThat(a.count).isEqualTo(b.count);
        assertThat(a.sum).isCloseTo(b.sum, within(1e-9));
        assertThat(a.sumOfSquares).isCloseTo(b.sumOfSquares, within(1e-7));
        assertThat(a.min).isEqualTo(b.min);
        assertThat(a.max).isEqualTo(b.max);
        assertThat(a.firstTimeMs).isEqualTo(b.firstTimeMs);
        assertThat(a.lastTimeMs).isEqualTo(b.lastTimeMs);
    }

    @Test
    void mergeIsAssociative() {
        Stats left = of(1, 50).merge(of(2, 30)).merge(of(3, 20));
        Stats right = of(1, 50).merge(of(2, 30).merge(of(3, 20)));
        assertSame(left, right);
    }

    @Test
    void mergeIsCommutative() {
        assertSame(of(1, 50).merge(of(2, 30)), of(2, 30).merge(of(1, 50)));
    }

    @Test
    void emptyIsTheIdentity() {
        assertSame(of(4, 10).merge(new Stats()), of(4, 10));
        assertSame(new Stats().merge(of(4, 10)), of(4, 10));
        assertThat(new Stats().isEmpty()).isTrue();
    }

    @Test
    void mergedPartialsEqualTheWholeStream() {
        Random r = new Random(9);
        Stats whole = new Stats();
        Stats a = new Stats();
        Stats b = new Stats();
        for (int i = 0; i < 1000; i++) {
            double v = r.nextDouble() * 100;
            whole.add(i, v);
            (i % 3 == 0 ? a : b).add(i, v);
        }
        Stats merged = a.copy().merge(b);
        assertSame(merged, whole);
        assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-9));
        assertThat(merged.variance()).isCloseTo(whole.variance(), within(1e-6));
    }

    @Test
    void copyIsIndependent() {
        Stats s = of(5, 10);
        Stats c = s.copy();
        c.add(0, 1e9);
        assertThat(s.max).isLessThan(1e9);
        assertThat(c.count).isEqualTo(s.count + 1);
    }
}
