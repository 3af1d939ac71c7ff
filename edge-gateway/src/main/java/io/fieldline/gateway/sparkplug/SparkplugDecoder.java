package io.fieldline.gateway.sparkplug;

import com.google.protobuf.InvalidProtocolBufferException;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.gateway.sparkplug.SparkplugBProto.Payload;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes Sparkplug B ({@code spBv1.0/{group}/{type}/{node}[/{device}]}). NBIRTH/DBIRTH define the
 * metric aliases of a node/device (and carry current values); NDATA/DDATA are decoded with them,
 * and a DATA whose alias no BIRTH defined is rejected as {@link RejectReason#SPARKPLUG_NO_BIRTH}.
 * Numeric and boolean metrics become measurements; the device id is {@code group.node[.device]}.
 * Other message types (DEATH, CMD, STATE) carry no telemetry and yield nothing.
 *
 * <p>Sparkplug's {@code seq} (0..255, one counter per edge node, shared by all its devices and
 * BIRTHs, restarting at every NBIRTH) cannot serve as Fieldline's per-device {@code seq}: the cloud
 * ledger would count wraps as duplicates and other devices' messages as gaps. The decoder numbers
 * each device's readings 1, 2, 3... instead; a message with the same node seq as the device's
 * previous one is a re-delivery and keeps the previous number, so the gateway's duplicate filter
 * drops it. The numbering restarts with the gateway (the cloud ledger treats that as a restart).
 * Loss between a Sparkplug device and the gateway is therefore not visible in the ledger.
 */
public final class SparkplugDecoder {
    public static final String NAMESPACE = "spBv1.0/";

    /** A decoded message: the device it is about and its reading, or none. */
    public record Decoded(String deviceId, List<Telemetry.Builder> readings) {}

    private final Map<String, Map<Long, String>> aliasesByDevice = new ConcurrentHashMap<>();

    /** Per device: {last node seq, last Fieldline seq, last event time}. */
    private final Map<String, long[]> seqByDevice = new ConcurrentHashMap<>();

    public static boolean handles(String topic) {
        return topic != null && topic.startsWith(NAMESPACE);
    }

    /** The device id of a Sparkplug topic, or empty if the topic is not one. */
    public static String deviceIdOf(String topic) {
        String[] p = topic.split("/");
        if (p.length < 4 || p.length > 5) {
            return "";
        }
        return p.length == 5 ? p[1] + "." + p[3] + "." + p[4] : p[1] + "." + p[3];
    }

    public Decoded decode(String topic, byte[] bytes) throws RejectedReadingException {
        String[] p = topic.split("/");
        if (p.length < 4 || p.length > 5 || p[1].isEmpty() || p[3].isEmpty()) {
            throw new RejectedReadingException(
                    RejectReason.UNKNOWN_TOPIC,
                    "topic '" + topic + "' is not spBv1.0/{group}/{type}/{node}[/{device}]");
        }
        String device = deviceIdOf(topic);
        String type = p[2];
        boolean birth = type.equals("NBIRTH") || type.equals("DBIRTH");
        if (!birth && !type.equals("NDATA") && !type.equals("DDATA")) {
            return new Decoded(device, List.of());
        }
        Payload payload = parse(bytes);
        if (birth) {
            aliasesByDevice.put(device, aliasesOf(payload));
        }
        Telemetry.Builder t = toTelemetry(device, payload, type);
        if (t.getMeasurementsCount() == 0) {
            return new Decoded(device, List.of());
        }
        return new Decoded(
                device, List.of(t.setSeq(deviceSeq(device, payload.getSeq(), t.getEventTimeMs()))));
    }

    /**
     * A re-delivery repeats the node seq and the timestamp; the node seq alone repeats every 256
     * messages of the node, so matching on it alone would number two readings alike.
     */
    private long deviceSeq(String device, long nodeSeq, long eventTimeMs) {
        long[] s = seqByDevice.computeIfAbsent(device, d -> new long[] {-1, 0, 0});
        synchronized (s) {
            if (s[0] != nodeSeq || s[2] != eventTimeMs) {
                s[0] = nodeSeq;
                s[2] = eventTimeMs;
                s[1]++;
            }
            return s[1];
        }
    }

    private static Payload parse(byte[] bytes) throws RejectedReadingException {
        try {
            return Payload.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new RejectedReadingException(
                    RejectReason.UNDECODABLE_PROTOBUF,
                    "not a Sparkplug B payload: " + e.getMessage());
        }
    }

    private static Map<Long, String> aliasesOf(Payload payload) {
        Map<Long, String> aliases = new HashMap<>();
        for (Payload.Metric m : payload.getMetricsList()) {
            if (m.hasAlias() && m.hasName()) {
                aliases.put(m.getAlias(), m.getName());
            }
        }
        return aliases;
    }

    private Telemetry.Builder toTelemetry(String device, Payload payload, String type)
            throws RejectedReadingException {
        Map<Long, String> aliases = aliasesByDevice.getOrDefault(device, Map.of());
        Telemetry.Builder t = Telemetry.newBuilder();
        long ts = payload.getTimestamp();
        for (Payload.Metric m : payload.getMetricsList()) {
            String name = m.hasName() ? m.getName() : aliases.get(m.getAlias());
            if (name == null) {
                throw new RejectedReadingException(
                        RejectReason.SPARKPLUG_NO_BIRTH,
                        type
                                + " for "
                                + device
                                + " uses alias "
                                + m.getAlias()
                                + " that no BIRTH defined");
            }
            Double v = numericValue(m);
            if (v != null && !m.getIsNull()) {
                t.addMeasurements(Measurement.newBuilder().setMetric(name).setValue(v));
                ts = ts > 0 ? ts : m.getTimestamp();
            }
        }
        if (t.getMeasurementsCount() > 0 && ts <= 0) {
            throw new RejectedReadingException(
                    RejectReason.MISSING_FIELD, "Sparkplug payload has no timestamp");
        }
        return t.setEventTimeMs(ts);
    }

    private static Double numericValue(Payload.Metric m) {
        return switch (m.getValueCase()) {
            // Int8/16/32 (datatypes 1-3) travel as two's complement in the uint32 field.
            case INT_VALUE ->
                    m.getDatatype() <= 3
                            ? (double) m.getIntValue()
                            : (double) Integer.toUnsignedLong(m.getIntValue());
            case LONG_VALUE ->
                    m.getDatatype() == 8
                            ? Double.parseDouble(Long.toUnsignedString(m.getLongValue()))
                            : (double) m.getLongValue();
            case FLOAT_VALUE -> (double) m.getFloatValue();
            case DOUBLE_VALUE -> m.getDoubleValue();
            case BOOLEAN_VALUE -> m.getBooleanValue() ? 1.0 : 0.0;
            default -> null;
        };
    }
}
