package io.fieldline.gateway.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTelemetryDecoderTest {
    private final JsonTelemetryDecoder decoder = new JsonTelemetryDecoder();

    private Telemetry decode(String json) throws RejectedReadingException {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void decodesTimestampSequenceAndEveryMetricInOrder() throws Exception {
        Telemetry t =
                decode(
                        "{\"ts\":1700000000123,\"seq\":42,"
                                + "\"metrics\":{\"temperature\":21.5,\"vibration\":3}}");

        assertThat(t.getEventTimeMs()).isEqualTo(1700000000123L);
        assertThat(t.getSeq()).isEqualTo(42);
        assertThat(t.getMeasurementsList())
                .containsExactly(
                        Measurement.newBuilder().setMetric("temperature").setValue(21.5).build(),
                        Measurement.newBuilder().setMetric("vibration").setValue(3).build());
    }

    @Test
    void ignoresUnknownTopLevelFieldsIncludingNestedOnes() throws Exception {
        Telemetry t =
                decode(
                        "{\"fw\":{\"v\":[1,2]},\"ts\":5,\"seq\":1,\"note\":\"x\","
                                + "\"metrics\":{\"p\":-1.25e2}}");

        assertThat(t.getMeasurements(0).getValue()).isEqualTo(-125.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "array instead of object | [1,2]                                          | MALFORMED_JSON | must be a JSON object",
                "truncated               | '{\"ts\":1,\"seq\":2,\"metrics\":{\"t\":1'     | MALFORMED_JSON | ",
                "trailing garbage        | '{\"ts\":1,\"seq\":2,\"metrics\":{\"t\":1}}x'  | MALFORMED_JSON | ",
                "missing ts              | '{\"seq\":2,\"metrics\":{\"t\":1}}'            | MISSING_FIELD  | 'ts'",
                "missing seq             | '{\"ts\":1,\"metrics\":{\"t\":1}}'             | MISSING_FIELD  | 'seq'",
                "missing metrics         | '{\"ts\":1,\"seq\":2}'                         | MISSING_FIELD  | 'metrics'",
                "ts as string            | '{\"ts\":\"now\",\"seq\":2,\"metrics\":{\"t\":1}}' | WRONG_TYPE | 'ts' must be an integer, got string \"now\"",
                "ts as float             | '{\"ts\":1.5,\"seq\":2,\"metrics\":{\"t\":1}}' | WRONG_TYPE     | 'ts' must be an integer",
                "negative seq            | '{\"ts\":1,\"seq\":-2,\"metrics\":{\"t\":1}}'  | WRONG_TYPE     | 'seq' must not be negative",
                "metrics as array        | '{\"ts\":1,\"seq\":2,\"metrics\":[1]}'         | WRONG_TYPE     | 'metrics' must be an object",
                "metric as string        | '{\"ts\":1,\"seq\":2,\"metrics\":{\"t\":\"hot\"}}' | WRONG_TYPE | 'metrics.t' must be a number, got string \"hot\"",
                "metric as null          | '{\"ts\":1,\"seq\":2,\"metrics\":{\"t\":null}}' | WRONG_TYPE    | 'metrics.t' must be a number, got null",
                "NaN literal             | '{\"ts\":1,\"seq\":2,\"metrics\":{\"t\":NaN}}' | NON_FINITE_VALUE | 'metrics.t' is NaN",
                "overflow to infinity    | '{\"ts\":1,\"seq\":2,\"metrics\":{\"t\":1e999}}' | NON_FINITE_VALUE | 'metrics.t' is Infinity",
                "empty metrics           | '{\"ts\":1,\"seq\":2,\"metrics\":{}}'          | EMPTY_METRICS  | no reading",
            })
    void rejectsWithReasonAndLocation(
            String name, String json, RejectReason reason, String detail) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOfSatisfying(
                        RejectedReadingException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(reason);
                            if (detail != null) {
                                assertThat(e.getMessage()).contains(detail);
                            }
                        });
    }

    @Test
    void invalidUtf8IsReportedAsSuch() {
        byte[] payload = {'{', '"', 't', 's', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};

        assertThatThrownBy(() -> decoder.decode(payload))
                .isInstanceOfSatisfying(
                        RejectedReadingException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.NOT_UTF8));
    }

    @Test
    void syntaxErrorNamesTheByteOffset() {
        assertThatThrownBy(() -> decode("{\"ts\":1,,}"))
                .isInstanceOfSatisfying(
                        RejectedReadingException.class,
                        e -> assertThat(e.getMessage()).contains("at byte 8"));
    }
}
