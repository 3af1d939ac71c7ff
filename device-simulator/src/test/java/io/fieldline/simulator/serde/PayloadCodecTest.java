package io.fieldline.simulator.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.proto.Telemetry;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {
    private static final Map<String, Double> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("temperature", 21.5);
        METRICS.put("vibration", 1.25);
    }

    @Test
    void jsonPayloadHasTheGatewayShape() {
        byte[] b = new PayloadCodec(PayloadFormat.JSON).encode("d", 1_700_000_000_000L, 9, METRICS);
        assertThat(new String(b, StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"ts\":1700000000000,\"seq\":9,\"metrics\":{\"temperature\":21.5,"
                                + "\"vibration\":1.25}}");
    }

    @Test
    void protobufPayloadIsATelemetryMessage() throws Exception {
        byte[] b = new PayloadCodec(PayloadFormat.PROTOBUF).encode("d-1", 5, 9, METRICS);
        Telemetry t = Telemetry.parseFrom(b);
        assertThat(t.getDeviceId()).isEqualTo("d-1");
        assertThat(t.getEventTimeMs()).isEqualTo(5);
        assertThat(t.getSeq()).isEqualTo(9);
        assertThat(t.getMeasurementsList())
                .extracting(m -> m.getMetric() + "=" + m.getValue())
                .containsExactly("temperature=21.5", "vibration=1.25");
    }
}
