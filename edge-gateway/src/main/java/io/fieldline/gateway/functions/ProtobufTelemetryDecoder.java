package io.fieldline.gateway.functions;

import com.google.protobuf.InvalidProtocolBufferException;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;

/**
 * Decodes a protobuf {@link Telemetry} sent by a device and applies the same checks as the JSON
 * decoder: an event time, at least one reading, named metrics, finite values. Device and gateway
 * ids in the payload are ignored; the gateway sets them from the topic and its own config.
 */
public final class ProtobufTelemetryDecoder {

    public Telemetry.Builder decode(byte[] payload) throws RejectedReadingException {
        Telemetry t;
        try {
            t = Telemetry.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new RejectedReadingException(
                    RejectReason.UNDECODABLE_PROTOBUF,
                    "not a protobuf Telemetry: " + e.getMessage());
        }
        // Arbitrary bytes often parse as a message made only of unknown fields.
        if (t.getSerializedSize() == 0
                || !t.getUnknownFields().asMap().isEmpty() && t.getMeasurementsCount() == 0) {
            throw new RejectedReadingException(
                    RejectReason.UNDECODABLE_PROTOBUF, "payload holds no Telemetry field");
        }
        if (t.getEventTimeMs() <= 0) {
            throw new RejectedReadingException(
                    RejectReason.MISSING_FIELD, "required field 'event_time_ms' is missing");
        }
        if (t.getMeasurementsCount() == 0) {
            throw new RejectedReadingException(
                    RejectReason.EMPTY_METRICS, "'measurements' has no reading");
        }
        for (Measurement m : t.getMeasurementsList()) {
            if (m.getMetric().isEmpty()) {
                throw new RejectedReadingException(
                        RejectReason.MISSING_FIELD, "a measurement has no metric name");
            }
            if (!Double.isFinite(m.getValue())) {
                throw new RejectedReadingException(
                        RejectReason.NON_FINITE_VALUE,
                        "'" + m.getMetric() + "' is " + m.getValue() + "; only finite numbers");
            }
        }
        return t.toBuilder().clearDeviceId().clearGatewayId().clearReceiveTimeMs();
    }
}
