package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.connectV3;
import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scrapes the gateway's /metrics, /health and /ready over real HTTP. */
@Timeout(60)
class ObservabilityTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Vertx vertx = Vertx.vertx();
    private Gateway gateway;

    @AfterEach
    void stop() {
        GatewayTestSupport.stop(vertx, gateway);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsCountReceivedForwardedRejectedAndAckLatency() throws Exception {
        gateway =
                GatewayTestSupport.start(
                        vertx, GatewayTestSupport.config(), ProducerFactory.kafka());
        String device = newDevice("obs");
        MqttAsyncClient client = connectV3(gateway, device);
        try {
            long t0 = System.currentTimeMillis();
            for (int i = 1; i <= 3; i++) {
                client.publish(topicOf(device), json(t0 + i, i, "\"t\":" + i), 1, false)
                        .waitForCompletion(10_000);
            }
            client.publish(topicOf(device), "[]".getBytes(StandardCharsets.UTF_8), 1, false)
                    .waitForCompletion(10_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/ready").statusCode() == 200);
            String text = get("/metrics").body();
            assertThat(value(text, "fieldline_gateway_received_total")).isEqualTo(4);
            assertThat(value(text, "fieldline_gateway_forwarded_total")).isEqualTo(3);
            assertThat(value(text, "fieldline_gateway_rejected_total\\{reason=\"EMPTY_METRICS\"}"))
                    .isEqualTo(1);
            assertThat(value(text, "fieldline_gateway_dead_lettered_total")).isEqualTo(1);
            assertThat(value(text, "fieldline_gateway_connections")).isEqualTo(1);
            assertThat(value(text, "fieldline_gateway_kafka_ack_latency_seconds_count"))
                    .isEqualTo(3);
            assertThat(text).contains("fieldline_gateway_kafka_ack_latency_seconds_bucket{le=");
            assertThat(text).contains("fieldline_gateway_send_queue_depth");
            assertThat(text).contains("fieldline_gateway_filtered_total{reason=\"DEADBAND\"}");
            assertThat(get("/health").statusCode()).isEqualTo(200);
            assertThat(get("/nope").statusCode()).isEqualTo(404);
        } finally {
            client.disconnectForcibly(1000, 1000);
        }
    }

    @Test
    void startsWithoutKafkaAndReportsNotReady() throws Exception {
        GatewayConfig noKafka = GatewayTestSupport.config().withKafka("127.0.0.1:1");
        gateway = GatewayTestSupport.start(vertx, noKafka, ProducerFactory.kafka());
        assertThat(get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("NOT READY: Kafka unreachable\n");
        gateway.close(Duration.ofMillis(500)).await();
        gateway = null;
    }

    private static double value(String exposition, String metricRegex) {
        Matcher m =
                Pattern.compile("(?m)^" + metricRegex + "(\\{[^}]*})? ([0-9.eE+-]+)$")
                        .matcher(exposition);
        if (!m.find()) {
            throw new AssertionError("no sample for " + metricRegex + " in:\n" + exposition);
        }
        return Double.parseDouble(m.group(2));
    }
}
