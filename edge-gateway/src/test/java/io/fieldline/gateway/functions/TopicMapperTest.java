package io.fieldline.gateway.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicMapperTest {
    private final TopicMapper mapper = TopicMapper.defaults();

    @Test
    void extractsDeviceId() throws Exception {
        assertThat(mapper.deviceId("fieldline/pump-7/telemetry")).isEqualTo("pump-7");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fieldline//telemetry",
                "fieldline/a/b/telemetry",
                "other/pump-7/telemetry",
                "fieldline/pump-7/status",
                "fieldline/pump+7/telemetry"
            })
    void rejectsTopicsOutsideTheScheme(String topic) {
        assertThatThrownBy(() -> mapper.deviceId(topic))
                .isInstanceOfSatisfying(
                        RejectedReadingException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_TOPIC);
                            assertThat(e.getMessage()).contains(topic);
                        });
    }
}
