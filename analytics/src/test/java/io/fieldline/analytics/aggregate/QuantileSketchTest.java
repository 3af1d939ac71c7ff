package io.fieldline.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
    private static QuantileSketch of(long seed, int n) {
        Random r = new Random(seed);
        QuantileSketch s = new QuantileSketch();
        for (int i = 0; i < n; i++) {
            s.add(Math.exp(r.nextGaussian() * 2) * (r.nextInt(10) == 0 ? -1 : 1));
        }
        return s;
    }

    @Test
    void quantilesAreWithinTheRelativeAccuracy() {
        Random r = new Random(3);
        double[] values = new double[10_001];
        QuantileSketch s = new QuantileSketch();
        for (int i = 0; i < values.length; i++) {
            values[i] = 20 + 10 * r.nextGaussian();
            s.add(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
            double exact = values[(int) Math.floor(q * (values.length - 1))];
            assertThat(s.quantile(q))
                    .as("q=%s", q)
                    .isCloseTo(exact, within(Math.abs(exact) * 0.021));
        }
    }

    @Test
    void mergeIsAssociativeAndCommutativeExactly() {
        QuantileSketch ab = of(1, 500).merge(of(2, 300));
        QuantileSketch ba = of(2, 300).merge(of(1, 500));
        QuantileSketch left = of(1, 500).merge(of(2, 300)).merge(of(3, 200));
        QuantileSketch right = of(1, 500).merge(of(2, 300).merge(of(3, 200)));
        for (double q = 0; q <= 1.0; q += 0.05) {
            assertThat(ab.quantile(q)).isEqualTo(ba.quantile(q));
            assertThat(left.quantile(q)).isEqualTo(right.quantile(q));
        }
        assertThat(left.count).isEqualTo(1000);
    }

    @Test
    void emptyIsTheIdentityAndHasNoQuantile() {
        assertThat(new QuantileSketch().quantile(0.5)).isNaN();
        QuantileSketch s = of(4, 100);
        double median = s.quantile(0.5);
        assertThat(s.merge(new QuantileSketch()).quantile(0.5)).isEqualTo(median);
    }
}
