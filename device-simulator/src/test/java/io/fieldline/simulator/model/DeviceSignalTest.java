package io.fieldline.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceSignalTest {
    private static final long T0 = 1_700_000_000_000L;

    private static List<Map<String, Double>> run(long seed, int device) {
        DeviceSignal s = new DeviceSignal(seed, device);
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.add(s.next(T0 + i * 1000L, i == 50));
        }
        return out;
    }

    @Test
    void sameSeedAndDeviceGiveIdenticalReadings() {
        assertThat(run(42, 3)).isEqualTo(run(42, 3));
        assertThat(run(42, 3)).isNotEqualTo(run(42, 4));
        assertThat(run(42, 3)).isNotEqualTo(run(43, 3));
    }

    @Test
    void spikeLiftsTemperatureFarAboveTheNormalRange() {
        List<Map<String, Double>> readings = run(7, 0);
        double normalMax =
                readings.stream()
                        .filter(m -> m != readings.get(50))
                        .mapToDouble(m -> m.get("temperature"))
                        .max()
                        .orElseThrow();
        assertThat(normalMax).isLessThan(60);
        assertThat(readings.get(50).get("temperature")).isGreaterThan(85);
    }

    @Test
    void jsonPayloadHasTheGatewayShape() {
        assertThat(DeviceSignal.json(T0, 9, Map.of("temperature", 21.5)))
                .isEqualTo("{\"ts\":1700000000000,\"seq\":9,\"metrics\":{\"temperature\":21.5}}");
    }
}
