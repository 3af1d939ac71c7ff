package io.fieldline.api.web;

import static io.fieldline.api.TestData.T0_MS;
import static io.fieldline.api.TestData.aggregate;
import static io.fieldline.api.TestData.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.api.SharedKafka;
import io.fieldline.api.SseClient;
import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/stream} read by a real HTTP client: new alerts and aggregates arrive as events. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamTest implements TestPropertyProvider {
    @Inject EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "fieldline.kafka.bootstrap",
                SharedKafka.bootstrap(),
                "micronaut.server.host",
                "127.0.0.1");
    }

    @Test
    void newAlertsAndAggregatesArriveAsNamedEvents() throws Exception {
        try (SseClient sse = new SseClient(server.getURI().resolve("/api/stream"))) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.contentType()).startsWith("text/event-stream");
            await().atMost(SharedKafka.TIMEOUT).until(() -> sse.lines().contains("event: hello"));

            Alert alert = alert("sse-1", "api-sse1", AlertKind.ANOMALY, Severity.CRITICAL, T0_MS);
            WindowAggregate agg = aggregate("api-sse1", "temperature", T0_MS, 42.5);
            SharedKafka.publish(Topics.ALERTS.name(), "api-sse1", alert);
            SharedKafka.publish(Topics.WINDOW_AGGREGATES.name(), "api-sse1", agg);

            await().atMost(SharedKafka.TIMEOUT)
                    .untilAsserted(
                            () -> {
                                List<String> lines = sse.lines();
                                int a = indexOf(lines, "\"alertId\":\"sse-1\"");
                                int g = indexOf(lines, "\"mean\":42.5");
                                assertThat(a).isPositive();
                                assertThat(g).isGreaterThan(a);
                                assertThat(lines.get(a - 1)).isEqualTo("event: alert");
                                assertThat(lines.get(g - 1)).isEqualTo("event: aggregate");
                            });
        }
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("data: ") && lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }
}
