package io.fieldline.api;

import static io.fieldline.api.TestData.T0_MS;
import static io.fieldline.api.TestData.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import io.fieldline.proto.Topics;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The embedding entry point the local stack uses: start, serve, stop, restart without loss. */
class ApiMainTest {

    @Test
    void aRestartedApiRebuildsItsViewsFromKafkaAndCloseFreesThePort() throws Exception {
        SharedKafka.publish(
                Topics.ALERTS.name(),
                "api-main1",
                alert("main-1", "api-main1", AlertKind.SILENCE, Severity.WARNING, T0_MS));
        int port;
        try (ApiServer first = ApiMain.start(SharedKafka.bootstrap(), 0)) {
            port = first.port();
            assertThat(first.url().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
            awaitAlert(new ApiHttp(first.url()));
        }
        assertThat(refused(port)).isTrue();

        try (ApiServer second = ApiMain.start(SharedKafka.bootstrap(), 0)) {
            awaitAlert(new ApiHttp(second.url()));
            assertThat(new ApiHttp(second.url()).get("/").body()).contains("Fieldline");
        }
    }

    private static void awaitAlert(ApiHttp http) {
        await().atMost(SharedKafka.TIMEOUT)
                .until(() -> http.get("/api/alerts?device=api-main1").body().contains("main-1"));
    }

    private static boolean refused(int port) throws InterruptedException {
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            java.net.URI.create(
                                                    "http://127.0.0.1:" + port + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (java.io.IOException e) {
            return e.getCause() instanceof ConnectException;
        }
    }
}
