package io.fieldline.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.simulator.load.Workload;
import io.fieldline.simulator.model.DeviceSource;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.model.FaultKind;
import io.fieldline.simulator.model.Reading;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {
    private static final long T0 = 1_700_000_000_000L;

    private static Path resource(String name) throws Exception {
        return Path.of(ReplayTest.class.getResource("/replay/" + name).toURI());
    }

    @Test
    void nabFileIsOneDeviceWhoseRowsArriveAtTheAcceleratedPace() throws Exception {
        Workload w = NabReplay.of(List.of(resource("art_tiny.csv")), "nab-", 300);
        assertThat(w.deviceIds()).containsExactly("nab-art_tiny");
        DeviceSource d = w.begin(T0).get(0);

        List<Long> offsets = new ArrayList<>();
        List<Reading> readings = new ArrayList<>();
        while (!d.finished()) {
            offsets.add(d.nextOffsetNanos());
            readings.add(d.take(T0));
        }
        // Five minutes between rows, 300 times faster: one second apart.
        assertThat(offsets)
                .containsExactly(
                        0L, 1_000_000_000L, 2_000_000_000L, 3_000_000_000L, 4_000_000_000L);
        assertThat(readings)
                .extracting(r -> r.metrics().get("value"))
                .containsExactly(19.5, 20.5, 21.0, 80.25, 20.0);
        assertThat(readings.get(3).eventTimeMs()).isEqualTo(T0 + 3_000);
    }

    @Test
    void cmapssEnginesRunToAFailureOneCycleAfterTheirLastRow() throws Exception {
        Workload w = CmapssReplay.of(resource("cmapss_tiny.txt"), "engine-", 1000, 2);
        assertThat(w.deviceIds()).containsExactly("engine-001", "engine-002");
        List<DeviceSource> engines = w.begin(T0);

        Reading first = engines.get(0).take(T0);
        assertThat(first.metrics()).hasSize(24).containsEntry("sensor2", 641.82);
        assertThat(w.groundTruth(Long.MAX_VALUE))
                .containsExactly(
                        new Fault(
                                "engine-001", "*", FaultKind.DEGRADATION, T0, T0 + 1500, T0 + 1500),
                        new Fault(
                                "engine-002",
                                "*",
                                FaultKind.DEGRADATION,
                                T0,
                                T0 + 1000,
                                T0 + 1000));
    }
}
