package io.fieldline.analytics.rul;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MedianTest {
    @Test
    void quickselectMedianMatchesSorting() {
        Random r = new Random(2);
        for (int n = 1; n < 60; n++) {
            double[] a = new double[n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(7) == 0 ? 3.0 : r.nextGaussian(); // with ties
            }
            double[] sorted = Arrays.copyOf(a, n);
            Arrays.sort(sorted);
            double expected =
                    n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            assertThat(RemainingLifeEstimator.median(a, n)).as("n=%d", n).isEqualTo(expected);
        }
    }
}
