package io.fieldline.api.web;

import static io.fieldline.api.TestData.T0_MS;
import static io.fieldline.api.TestData.aggregate;
import static io.fieldline.api.TestData.alert;
import static io.fieldline.api.TestData.cleared;
import static io.fieldline.api.TestData.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.api.ApiHttp;
import io.fieldline.api.SharedKafka;
import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import io.fieldline.proto.Topics;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The REST API against a real broker: records published to the topics appear, filtered. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest implements TestPropertyProvider {
    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    private ApiHttp http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "fieldline.kafka.bootstrap",
                SharedKafka.bootstrap(),
                "micronaut.server.host",
                "127.0.0.1");
    }

    @BeforeAll
    void client() {
        http = new ApiHttp(server.getURI());
    }

    @Test
    void alertsArePublishedOnceAndFilteredByDeviceKindSeveritySinceAndLimit() {
        publish(alert("f-1", "api-f1", AlertKind.THRESHOLD, Severity.WARNING, T0_MS));
        publish(alert("f-2", "api-f1", AlertKind.ANOMALY, Severity.CRITICAL, T0_MS + 1000));
        publish(alert("f-2", "api-f1", AlertKind.ANOMALY, Severity.CRITICAL, T0_MS + 1000));
        publish(alert("f-3", "api-f1", AlertKind.THRESHOLD, Severity.CRITICAL, T0_MS + 2000));
        publish(alert("f-4", "api-f2", AlertKind.THRESHOLD, Severity.CRITICAL, T0_MS + 3000));

        await().atMost(SharedKafka.TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(ids("/api/alerts?device=api-f1"))
                                        .containsExactly("f-3", "f-2", "f-1"));
        assertThat(ids("/api/alerts?device=api-f1&kind=threshold")).containsExactly("f-3", "f-1");
        assertThat(ids("/api/alerts?device=api-f1&severity=CRITICAL"))
                .containsExactly("f-3", "f-2");
        assertThat(ids("/api/alerts?device=api-f1&since=2026-03-01T12:00:01Z"))
                .containsExactly("f-3", "f-2");
        assertThat(ids("/api/alerts?device=api-f1&since=" + (T0_MS + 2000))).containsExactly("f-3");
        assertThat(ids("/api/alerts?device=api-f1&limit=1")).containsExactly("f-3");
        Map<String, Object> first = list("/api/alerts?device=api-f1&limit=1").get(0);
        assertThat(first)
                .containsEntry("kind", "THRESHOLD")
                .containsEntry("severity", "CRITICAL")
                .containsEntry("evidence", Map.of("limit", "90"));
    }

    @Test
    void devicesShowLastSeenOpenAlertsHealthAndRemainingLife() {
        Alert hot = alert("d-1", "api-d1", AlertKind.THRESHOLD, Severity.CRITICAL, T0_MS);
        publish(aggregate("api-d1", "temperature", T0_MS, 20.5));
        publish(hot);
        publish(alert("d-2", "api-d1", AlertKind.REMAINING_LIFE, Severity.WARNING, T0_MS + 1));

        await().atMost(SharedKafka.TIMEOUT)
                .untilAsserted(() -> assertThat(device("api-d1")).containsEntry("openAlerts", 2));
        Map<String, Object> d = device("api-d1");
        assertThat(d)
                .containsEntry("health", "critical")
                .containsEntry("metrics", List.of("temperature"));
        assertThat(((Number) d.get("lastSeenMs")).longValue()).isEqualTo(T0_MS + 10_000);
        assertThat((Map<String, Object>) d.get("remainingLife")).containsEntry("alertId", "d-2");
        assertThat(list("/api/devices")).extracting(m -> m.get("deviceId")).contains("api-d1");

        publish(cleared(hot, "d-1-clear", T0_MS + 20_000));
        await().atMost(SharedKafka.TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(device("api-d1"))
                                        .containsEntry("openAlerts", 1)
                                        .containsEntry("health", "warning"));
    }

    @Test
    void seriesIsFilteredByMetricAndTimeRange() {
        for (int i = 0; i < 4; i++) {
            publish(aggregate("api-s1", "temperature", T0_MS + i * 10_000L, 20 + i));
        }
        publish(aggregate("api-s1", "vibration", T0_MS, 3));

        await().atMost(SharedKafka.TIMEOUT)
                .untilAsserted(() -> assertThat(list("/api/devices/api-s1/series")).hasSize(5));
        String path =
                "/api/devices/api-s1/series?metric=temperature&from="
                        + (T0_MS + 10_000)
                        + "&to="
                        + (T0_MS + 30_000);
        assertThat(list(path)).extracting(m -> m.get("mean")).containsExactly(21.0, 22.0);
        assertThat(http.get("/api/devices/nobody/series").statusCode()).isEqualTo(404);
    }

    @Test
    void ledgerIsFilteredByDeviceNewestFirst() {
        publish(ledger("api-l1", T0_MS, 100, 0));
        publish(ledger("api-l1", T0_MS + 60_000, 90, 10));
        publish(ledger("api-l2", T0_MS, 5, 0));

        await().atMost(SharedKafka.TIMEOUT)
                .untilAsserted(() -> assertThat(list("/api/ledger?device=api-l1")).hasSize(2));
        List<Map<String, Object>> entries = list("/api/ledger?device=api-l1");
        assertThat(entries).extracting(m -> m.get("missing")).containsExactly(10, 0);
        assertThat(entries.get(0))
                .containsEntry("droppedByReason", Map.of("NON_FINITE_VALUE", 1))
                .containsEntry("source", "CLOUD");
    }

    @Test
    void healthReportsTheViewsCaughtUp() {
        await().atMost(SharedKafka.TIMEOUT)
                .untilAsserted(
                        () -> {
                            Map<String, Object> health = object("/health");
                            assertThat(health)
                                    .containsEntry("status", "UP")
                                    .containsEntry("caughtUp", true);
                            // Empty collections are omitted from the JSON.
                            assertThat((List<?>) health.getOrDefault("missingTopics", List.of()))
                                    .isEmpty();
                        });
    }

    @Test
    void theOpenApiDocumentIsServed() {
        HttpResponse<String> r = http.get("/openapi.yml");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("openapi: 3.0.3")
                .contains("/api/alerts:")
                .contains("/api/rules/{id}:")
                .contains("/api/stream:");
    }

    private void publish(Alert a) {
        SharedKafka.publish(Topics.ALERTS.name(), a.getDeviceId(), a);
    }

    private void publish(io.fieldline.proto.WindowAggregate a) {
        SharedKafka.publish(Topics.WINDOW_AGGREGATES.name(), a.getDeviceId(), a);
    }

    private void publish(io.fieldline.proto.LedgerEntry e) {
        SharedKafka.publish(Topics.LEDGER.name(), e.getDeviceId(), e);
    }

    private List<String> ids(String path) {
        return list(path).stream().map(m -> (String) m.get("alertId")).toList();
    }

    private Map<String, Object> device(String id) {
        return object("/api/devices/" + id);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String path) {
        HttpResponse<String> r = http.get(path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        try {
            return json.readValue(r.body(), Map.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Map<String, Object>> list(String path) {
        HttpResponse<String> r = http.get(path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        try {
            return (List) json.readValue(r.body(), Argument.listOf(Map.class));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
