package io.fieldline.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorsTest {
    @Test
    void createsEveryNamedDetector() {
        for (String name : Detectors.NAMES) {
            assertThat(Detectors.create(name, Map.of())).as(name).isNotNull();
        }
        assertThat(Detectors.create("robustZ", Map.of())).isInstanceOf(RobustZScoreDetector.class);
        assertThat(Detectors.create("ensemble", null)).isInstanceOf(EnsembleDetector.class);
    }

    @Test
    void appliesParametersIncludingTheGate() {
        BaseDetector d =
                Detectors.create(
                        "stuck",
                        Map.of("minRun", 25.0, "cooldown", 7.0, "threshold", 0.9, "clear", 0.2));
        assertThat(((StuckDetector) d).minRun).isEqualTo(25);
        assertThat(d.gate.cooldown).isEqualTo(7);
        assertThat(d.gate.threshold).isEqualTo(0.9);
        assertThat(d.gate.clearThreshold).isEqualTo(0.2);
    }

    @Test
    void unknownNameIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> Detectors.create("magic", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown detector 'magic'")
                .hasMessageContaining("robustZ");
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertThatThrownBy(() -> Detectors.create("robustZ", Map.of("alpah", 0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter(s) [alpah]")
                .hasMessageContaining("alpha");
    }

    @Test
    void badValuesAreRejected() {
        assertThatThrownBy(() -> Detectors.create("stuck", Map.of("minRun", 2.5)))
                .hasMessageContaining("minRun must be an integer");
        assertThatThrownBy(
                        () -> Detectors.create("robustZ", Map.of("threshold", 0.5, "clear", 0.7)))
                .hasMessageContaining("clear threshold 0.7 above threshold 0.5");
        assertThatThrownBy(() -> Detectors.create("windowedGaussian", Map.of("window", 1.0)))
                .hasMessageContaining("window must be >= 2");
    }
}
