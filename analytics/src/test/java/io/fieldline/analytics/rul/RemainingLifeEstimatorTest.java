package io.fieldline.analytics.rul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RemainingLifeEstimatorTest {
    @Test
    void extrapolatesALinearDeclineToTheFailureLevelWithABandAroundTheTruth() {
        // Health falls from 1 to 0 over 100 cycles, with noise; true remaining life at t is 100 -
        // t.
        RemainingLifeEstimator est = new RemainingLifeEstimator(20, 0, 0, 1000, 20);
        Random r = new Random(7);
        RulEstimate at60 = null;
        int alerts = 0;
        int alertAt = -1;
        for (int t = 0; t <= 95; t++) {
            RulEstimate e = est.update(t, 1 - t / 100.0 + 0.01 * r.nextGaussian());
            if (t == 60) {
                at60 = e;
            }
            if (e.alert()) {
                alerts++;
                alertAt = t;
            }
        }
        assertThat(at60.remaining()).isCloseTo(40, within(6.0));
        assertThat(at60.low()).isLessThanOrEqualTo(40);
        assertThat(at60.high()).isGreaterThanOrEqualTo(40);
        assertThat(at60.slope()).isCloseTo(-0.01, within(0.002));
        assertThat(alerts).isEqualTo(1);
        assertThat(alertAt).isBetween(76, 84);
    }

    @Test
    void aFlatOrRisingIndicatorGivesTheCapNotANegativeLife() {
        RemainingLifeEstimator est = new RemainingLifeEstimator(10, 0, 0, 500, 20);
        RulEstimate e = null;
        for (int t = 0; t < 30; t++) {
            e = est.update(t, 0.8 + t * 0.001);
        }
        assertThat(e.remaining()).isEqualTo(500);
        assertThat(e.alert()).isFalse();
    }

    @Test
    void calibrationMapsTheSmoothedLevelToLifeWithItsBand() {
        RemainingLifeEstimator est = new RemainingLifeEstimator(5, 0, 125, 125, 10);
        est.calibrationLevels = new double[] {0.0, 0.5, 1.0};
        est.calibrationLife = new double[] {0, 60, 125};
        est.calibrationLow = new double[] {0, 40, 110};
        est.calibrationHigh = new double[] {10, 80, 125};
        RulEstimate e = null;
        for (int t = 0; t < 5; t++) {
            e = est.update(t, 0.25);
        }
        assertThat(e.level()).isCloseTo(0.25, within(1e-12));
        assertThat(e.remaining()).isCloseTo(30, within(1e-9));
        assertThat(e.low()).isCloseTo(20, within(1e-9));
        assertThat(e.high()).isCloseTo(45, within(1e-9));
    }
}
