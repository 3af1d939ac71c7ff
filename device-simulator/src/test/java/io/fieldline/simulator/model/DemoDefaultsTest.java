package io.fieldline.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo relies on the default fleet crossing 80 °C soon after the start, and only then. */
class DemoDefaultsTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void defaultFleetSpikesAbove80WithinFifteenSecondsAndOnlyInsideLabels() {
        Fleet fleet = Fleet.create(SimulatorConfig.defaults("h", 1).fleetSpec(), T0);
        List<Fault> labels = fleet.groundTruth(T0 + 120_000);
        List<Long> hot = new ArrayList<>();
        for (DeviceSource d : fleet.devices()) {
            while (d.nextOffsetNanos() < 120_000_000_000L) {
                Reading r = d.take(T0);
                if (r.metrics().get("temperature") > 80) {
                    hot.add(r.eventTimeMs());
                    assertThat(labels)
                            .anyMatch(
                                    f ->
                                            f.deviceId().equals(d.deviceId())
                                                    && f.activeAt(r.eventTimeMs()));
                }
            }
        }
        assertThat(labels).hasSize(8);
        assertThat(hot).hasSize(8);
        assertThat(hot.stream().mapToLong(t -> t).min().orElseThrow()).isLessThan(T0 + 15_000);
    }
}
