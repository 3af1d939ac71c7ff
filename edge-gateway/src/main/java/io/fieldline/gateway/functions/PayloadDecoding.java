package io.fieldline.gateway.functions;

import io.fieldline.gateway.config.GatewayConfig.PayloadFormat;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.proto.Telemetry;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the decoder for a payload: the MQTT 5 content type when the client sent one, else the
 * configured format, else sniffing (a JSON object or array starts with {@code {} or {@code [}
 * after optional blanks; a protobuf {@code Telemetry} never does, as fields 11 and 15 with wire
 * type 3 do not exist).
 */
public final class PayloadDecoding {
    private final PayloadFormat configured;
    private final JsonTelemetryDecoder json = new JsonTelemetryDecoder();
    private final ProtobufTelemetryDecoder protobuf = new ProtobufTelemetryDecoder();

    public PayloadDecoding(PayloadFormat configured) {
        this.configured = configured;
    }

    public List<Telemetry.Builder> decode(byte[] payload, String contentType)
            throws RejectedReadingException {
        PayloadFormat format = formatOf(payload, contentType);
        if (format == PayloadFormat.PROTOBUF) {
            return List.of(protobuf.decode(payload));
        }
        return json.decodeAll(payload);
    }

    PayloadFormat formatOf(byte[] payload, String contentType) throws RejectedReadingException {
        if (contentType != null && !contentType.isBlank()) {
            String ct = contentType.toLowerCase(Locale.ROOT);
            if (ct.contains("json")) {
                return PayloadFormat.JSON;
            }
            if (ct.contains("protobuf")) {
                return PayloadFormat.PROTOBUF;
            }
            throw new RejectedReadingException(
                    RejectReason.UNSUPPORTED_CONTENT_TYPE,
                    "content type '"
                            + contentType
                            + "' is not decoded; allowed: application/json,"
                            + " application/x-protobuf");
        }
        if (configured != PayloadFormat.AUTO) {
            return configured;
        }
        return looksLikeJson(payload) ? PayloadFormat.JSON : PayloadFormat.PROTOBUF;
    }

    static boolean looksLikeJson(byte[] payload) {
        for (byte b : payload) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        // Empty or blank: let the JSON decoder produce the clearer error.
        return true;
    }
}
