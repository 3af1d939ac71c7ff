package io.fieldline.gateway.functions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the JSON device payload {@code {"ts":<epoch ms>,"seq":<n>,"metrics":{"name":<number>,
 * ...}}} into a {@link Telemetry} builder, with a streaming parser (no tree, no reflection).
 * Unknown top-level fields are ignored so devices can add fields before the gateway knows them.
 * Every rejection names the field at fault.
 */
public final class JsonTelemetryDecoder {
    // NaN/Infinity literals are parsed so they are reported as NON_FINITE_VALUE, not as
    // MALFORMED_JSON: the device sent a number we cannot use, not garbage.
    private static final JsonFactory FACTORY =
            JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** Decodes one JSON object; an array is rejected (use {@link #decodeAll}). */
    public Telemetry.Builder decode(byte[] payload) throws RejectedReadingException {
        List<Telemetry.Builder> all = decode(payload, false);
        return all.get(0);
    }

    /**
     * Decodes one object or a batch array of objects. A batch is all or nothing: one bad element
     * dead-letters the whole payload, so a device never has half a batch forwarded.
     */
    public List<Telemetry.Builder> decodeAll(byte[] payload) throws RejectedReadingException {
        return decode(payload, true);
    }

    private List<Telemetry.Builder> decode(byte[] payload, boolean allowBatch)
            throws RejectedReadingException {
        try (JsonParser p = FACTORY.createParser(payload)) {
            List<Telemetry.Builder> out = new ArrayList<>(1);
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY && allowBatch) {
                int index = 0;
                for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; index++) {
                    if (t != JsonToken.START_OBJECT) {
                        throw reject(
                                RejectReason.MALFORMED_JSON,
                                "batch element " + index + " must be a JSON object");
                    }
                    out.add(readObject(p, "[" + index + "]."));
                }
                if (out.isEmpty()) {
                    throw reject(RejectReason.EMPTY_METRICS, "the batch array is empty");
                }
            } else if (first == JsonToken.START_OBJECT) {
                out.add(readObject(p, ""));
            } else {
                throw reject(
                        RejectReason.MALFORMED_JSON,
                        allowBatch
                                ? "payload must be a JSON object or an array of objects"
                                : "payload must be a JSON object");
            }
            if (p.nextToken() != null) {
                throw reject(RejectReason.MALFORMED_JSON, "trailing content after the JSON value");
            }
            return out;
        } catch (JsonProcessingException e) {
            throw classifySyntaxError(payload, e);
        } catch (IOException e) {
            throw reject(RejectReason.MALFORMED_JSON, e.getMessage());
        }
    }

    private static Telemetry.Builder readObject(JsonParser p, String at)
            throws IOException, RejectedReadingException {
        Telemetry.Builder out = Telemetry.newBuilder();
        boolean hasTs = false;
        boolean hasSeq = false;
        boolean hasMetrics = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "ts" -> {
                    out.setEventTimeMs(requireLong(p, value, at + "ts"));
                    hasTs = true;
                }
                case "seq" -> {
                    out.setSeq(requireLong(p, value, at + "seq"));
                    hasSeq = true;
                }
                case "metrics" -> {
                    readMetrics(p, value, out);
                    hasMetrics = true;
                }
                default -> p.skipChildren();
            }
        }
        requirePresent(hasTs, at + "ts");
        requirePresent(hasSeq, at + "seq");
        requirePresent(hasMetrics, at + "metrics");
        if (out.getMeasurementsCount() == 0) {
            throw reject(RejectReason.EMPTY_METRICS, "'" + at + "metrics' has no reading");
        }
        return out;
    }

    private static void readMetrics(JsonParser p, JsonToken start, Telemetry.Builder out)
            throws IOException, RejectedReadingException {
        if (start != JsonToken.START_OBJECT) {
            throw reject(RejectReason.WRONG_TYPE, "'metrics' must be an object, got " + start);
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String metric = p.currentName();
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw reject(
                        RejectReason.WRONG_TYPE,
                        "'metrics." + metric + "' must be a number, got " + describe(p, t));
            }
            double v = p.getDoubleValue();
            if (!Double.isFinite(v)) {
                throw reject(
                        RejectReason.NON_FINITE_VALUE,
                        "'metrics." + metric + "' is " + v + "; only finite numbers are accepted");
            }
            if (metric.isEmpty()) {
                throw reject(RejectReason.WRONG_TYPE, "'metrics' has an empty metric name");
            }
            out.addMeasurements(Measurement.newBuilder().setMetric(metric).setValue(v));
        }
    }

    private static long requireLong(JsonParser p, JsonToken t, String field)
            throws IOException, RejectedReadingException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw reject(
                    RejectReason.WRONG_TYPE,
                    "'" + field + "' must be an integer, got " + describe(p, t));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw reject(RejectReason.WRONG_TYPE, "'" + field + "' does not fit in 64 bits");
        }
        long v = p.getLongValue();
        if (v < 0) {
            throw reject(RejectReason.WRONG_TYPE, "'" + field + "' must not be negative: " + v);
        }
        return v;
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> "string \"" + p.getText() + "\"";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static void requirePresent(boolean present, String field)
            throws RejectedReadingException {
        if (!present) {
            throw reject(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
        }
    }

    private static RejectedReadingException classifySyntaxError(
            byte[] payload, JsonProcessingException e) {
        if (!isUtf8(payload)) {
            return reject(RejectReason.NOT_UTF8, "payload is not valid UTF-8");
        }
        var loc = e.getLocation();
        String where = loc == null ? "" : " at byte " + loc.getByteOffset();
        return reject(RejectReason.MALFORMED_JSON, e.getOriginalMessage() + where);
    }

    // Only called on the error path, so the happy path never pays for a second UTF-8 pass.
    static boolean isUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static RejectedReadingException reject(RejectReason reason, String detail) {
        return new RejectedReadingException(reason, detail);
    }
}
