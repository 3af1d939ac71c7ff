package io.fieldline.simulator.serde;

import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes one reading as the gateway expects it: JSON {@code {"ts":..,"seq":..,"metrics":{..}}}, a
 * protobuf {@code io.fieldline.proto.Telemetry}, or a stateless Sparkplug B DDATA (metrics by name,
 * seq mod 256; the publisher uses {@link SparkplugSession} for BIRTHs and aliases).
 */
public final class PayloadCodec {
    private final PayloadFormat format;

    public PayloadCodec(PayloadFormat format) {
        this.format = format;
    }

    /** The MQTT 5 content type of this codec's payloads. */
    public String contentType() {
        return format == PayloadFormat.JSON ? "application/json" : "application/x-protobuf";
    }

    public byte[] encode(String deviceId, long timeMs, long seq, Map<String, Double> metrics) {
        if (format == PayloadFormat.PROTOBUF) {
            return protobuf(deviceId, timeMs, seq, metrics).toByteArray();
        }
        if (format == PayloadFormat.SPARKPLUG) {
            return SparkplugPayloads.data(timeMs, seq & 0xFF, metrics, Map.of());
        }
        return json(timeMs, seq, metrics).getBytes(StandardCharsets.UTF_8);
    }

    public static Telemetry protobuf(
            String deviceId, long timeMs, long seq, Map<String, Double> metrics) {
        Telemetry.Builder b =
                Telemetry.newBuilder().setDeviceId(deviceId).setEventTimeMs(timeMs).setSeq(seq);
        metrics.forEach(
                (k, v) -> b.addMeasurements(Measurement.newBuilder().setMetric(k).setValue(v)));
        return b.build();
    }

    public static String json(long timeMs, long seq, Map<String, Double> metrics) {
        StringBuilder b = new StringBuilder(32 + 24 * metrics.size());
        b.append("{\"ts\":")
                .append(timeMs)
                .append(",\"seq\":")
                .append(seq)
                .append(",\"metrics\":{");
        boolean first = true;
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(e.getKey()).append("\":").append(e.getValue());
        }
        return b.append("}}").toString();
    }
}
