package io.fieldline.analytics.detect;

import static io.fieldline.analytics.detect.Signals.ONSET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each detector on synthetic signals with one known anomaly: when the alert fires, and that it
 * fires once.
 */
class DetectorBehaviourTest {
    private static BaseDetector create(String name) {
        return Detectors.create(name, Map.of());
    }

    @Test
    void noDetectorAlertsOnPureNoise() {
        for (String name : List.of("robustZ", "seasonal", "rateOfChange", "stuck", "ensemble")) {
            assertThat(Signals.alerts(create(name), Signals.noise(1))).as(name).isEmpty();
        }
    }

    @Test
    void spikeAlertsOnceAtTheSpike() {
        for (String name : List.of("robustZ", "seasonal", "rateOfChange", "ensemble")) {
            assertThat(Signals.alerts(create(name), Signals.spike(2)))
                    .as(name)
                    .containsExactly(ONSET);
        }
    }

    @Test
    void windowedGaussianAlertsAtTheSpikeAfterItsWarmUp() {
        List<Integer> alerts = Signals.alerts(create("windowedGaussian"), Signals.spike(2));
        assertThat(alerts.stream().filter(i -> i >= 100)).containsExactly(ONSET);
    }

    @Test
    void levelShiftAlertsOnceAtTheShiftThenAdapts() {
        for (String name : List.of("robustZ", "seasonal", "ensemble")) {
            assertThat(Signals.alerts(create(name), Signals.levelShift(3)))
                    .as(name)
                    .containsExactly(ONSET);
        }
    }

    @Test
    void driftIsCaughtByTheEnsembleOnceWithinSeventyReadings() {
        List<Integer> alerts = Signals.alerts(create("ensemble"), Signals.drift(4));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).isBetween(ONSET + 1, ONSET + 70);
    }

    @Test
    void stuckSensorAlertsOnceAfterMinRunRepeats() {
        BaseDetector d = Detectors.create("stuck", Map.of("minRun", 10.0));
        // The first repeat is at ONSET + 1; the score reaches 0.95 after about 10 repeats.
        List<Integer> alerts = Signals.alerts(d, Signals.stuck(5));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).isBetween(ONSET + 8, ONSET + 12);
    }

    @Test
    void ensembleFlagsAStuckSensorOnceAfterItsMinRun() {
        List<Integer> alerts = Signals.alerts(create("ensemble"), Signals.stuck(6));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).isBetween(ONSET + 25, ONSET + 35);
    }

    @Test
    void dropoutAlertsOnceWhenReadingsStopForLongerThanUsual() {
        BaseDetector d = create("dropout");
        int alerts = 0;
        long t = Signals.T0;
        for (int i = 0; i < 500; i++) {
            t += i == 300 ? 10 * Signals.STEP_MS : Signals.STEP_MS;
            d.update(t, 1.0);
            if (d.alert()) {
                alerts++;
                assertThat(i).isEqualTo(300);
            }
        }
        assertThat(alerts).isEqualTo(1);
    }

    @Test
    void dropoutGapScoreLetsATimerAskDuringSilence() {
        DropoutDetector d = new DropoutDetector(3);
        for (int i = 0; i < 50; i++) {
            d.update(Signals.T0 + Signals.STEP_MS * i, 1.0);
        }
        long last = Signals.T0 + Signals.STEP_MS * 49;
        assertThat(d.gapScore(last + Signals.STEP_MS)).isZero();
        assertThat(d.gapScore(last + 2 * Signals.STEP_MS))
                .isEqualTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(d.gapScore(last + 5 * Signals.STEP_MS)).isEqualTo(1.0);
    }
}
