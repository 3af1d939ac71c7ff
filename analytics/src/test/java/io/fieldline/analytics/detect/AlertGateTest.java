package io.fieldline.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertGateTest {
    private static List<Integer> alerts(AlertGate g, double... scores) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (g.update(scores[i])) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void oneAlertPerEpisodeWhileTheScoreStaysAboveTheClearLevel() {
        AlertGate g = new AlertGate(0.9, 0.5, 0);
        assertThat(alerts(g, 0.1, 0.95, 0.99, 0.6, 0.92, 0.97, 0.1)).containsExactly(1);
    }

    @Test
    void hysteresisReopensOnlyAfterTheScoreFallsBelowTheClearLevel() {
        AlertGate g = new AlertGate(0.9, 0.5, 0);
        assertThat(alerts(g, 0.95, 0.4, 0.95, 0.4)).containsExactly(0, 2);
    }

    @Test
    void coolDownSuppressesANewEpisodeTooSoonAfterAnAlert() {
        AlertGate g = new AlertGate(0.9, 0.5, 3);
        // Episode 1 at 0; closed at 1; new peaks at 2 and 3 are within the cool-down; 4 is past it.
        assertThat(alerts(g, 0.95, 0.1, 0.95, 0.95, 0.1, 0.95)).containsExactly(0, 5);
    }
}
