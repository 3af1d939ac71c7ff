package io.fieldline.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void everyTopicIsDeclaredOnceWithItsMessageType() {
        assertThat(Topics.all()).hasSize(7);
        assertThat(new HashSet<>(Topics.all().stream().map(TopicSpec::name).toList())).hasSize(7);
        assertThat(Topics.byName("fieldline.alerts")).contains(Topics.ALERTS);
        assertThat(Topics.ALERTS.messageType()).isEqualTo(Alert.class);
        assertThat(Topics.RULES.compacted()).isTrue();
        assertThat(Topics.TELEMETRY.compacted()).isFalse();
    }

    @Test
    void parsesWhatItsMessageTypeWrites() throws Exception {
        Telemetry t =
                Telemetry.newBuilder()
                        .setDeviceId("d1")
                        .setSeq(7)
                        .addMeasurements(Measurement.newBuilder().setMetric("t").setValue(1.5))
                        .build();
        assertThat(Topics.TELEMETRY.parse(t.toByteArray())).isEqualTo(t);
    }
}
