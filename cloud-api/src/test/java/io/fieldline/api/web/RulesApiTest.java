package io.fieldline.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.api.ApiHttp;
import io.fieldline.api.SharedKafka;
import io.fieldline.proto.Rule;
import io.fieldline.proto.RuleKind;
import io.fieldline.proto.Severity;
import io.fieldline.proto.Topics;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rule changes land on the compacted rules topic; bad input and unknown ids are problems. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesApiTest implements TestPropertyProvider {
    private static final java.time.Duration POLL = java.time.Duration.ofSeconds(1);
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
    void putPublishesTheRuleAndDeletePublishesATombstone() throws Exception {
        HttpResponse<String> put =
                http.put(
                        "/api/rules/hot-bearings",
                        "{\"deviceGlob\":\"pump-*\",\"metricGlob\":\"temperature\","
                                + "\"kind\":\"threshold\",\"upper\":85.5,\"severity\":\"critical\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json.readValue(put.body(), Map.class)).containsEntry("upper", 85.5);

        Rule onTopic = Topics.RULES.parse(rulesFor("hot-bearings", 1).get(0).value());
        assertThat(onTopic.getDeviceGlob()).isEqualTo("pump-*");
        assertThat(onTopic.getKind()).isEqualTo(RuleKind.RULE_THRESHOLD);
        assertThat(onTopic.getUpper()).isEqualTo(85.5);
        assertThat(onTopic.hasLower()).isFalse();
        assertThat(onTopic.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(onTopic.getEnabled()).isTrue();
        assertThat(http.get("/api/rules/hot-bearings").body()).contains("\"pump-*\"");

        assertThat(http.delete("/api/rules/hot-bearings").statusCode()).isEqualTo(204);
        assertThat(rulesFor("hot-bearings", 2).get(1).value()).isNull();
        assertThat(http.get("/api/rules/hot-bearings").statusCode()).isEqualTo(404);
    }

    @Test
    void rulesWrittenByOthersAreServed() {
        Rule rule =
                Rule.newBuilder()
                        .setRuleId("from-ops")
                        .setDeviceGlob("*")
                        .setMetricGlob("vibration")
                        .setKind(RuleKind.RULE_THRESHOLD)
                        .setUpper(4)
                        .build();
        SharedKafka.publish(Topics.RULES.name(), "from-ops", rule);

        await().atMost(SharedKafka.TIMEOUT)
                .until(() -> http.get("/api/rules/from-ops").statusCode() == 200);
        assertThat(http.get("/api/rules").body()).contains("\"from-ops\"");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/alerts?severity=LOUD|severity",
                "/api/alerts?kind=SPIKE|kind",
                "/api/alerts?since=yesterday|since",
                "/api/alerts?limit=0|limit",
                "/api/alerts?limit=many|limit",
                "/api/alerts?device=bad%20id|device",
                "/api/ledger?limit=5000|limit",
                "/api/devices/x/series?window=hourly|window",
            })
    void badQueryParametersAreProblemsNamingTheParameter(String path, String parameter)
            throws Exception {
        assertProblem(http.get(path), 400, parameter);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"upper\":3}|kind",
                "{\"kind\":\"RULE_MAGIC\"}|kind",
                "{\"kind\":\"threshold\"}|upper",
                "{\"kind\":\"threshold\",\"lower\":5,\"upper\":1}|lower",
                "{\"kind\":\"pattern\",\"upper\":1,\"patternN\":3,\"patternM\":2}|patternM",
                "{\"kind\":\"threshold\",\"upper\":1,\"ruleId\":\"other\"}|ruleId",
                "{\"kind\":\"threshold\",\"upper\":1,\"severity\":\"meh\"}|severity",
                "not json|body",
            })
    void badRuleBodiesAreProblemsNamingTheField(String body, String parameter) throws Exception {
        assertProblem(http.put("/api/rules/r-bad", body), 400, parameter);
        assertThat(http.get("/api/rules/r-bad").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownIdsAreNotFoundProblems() throws Exception {
        assertProblem(http.get("/api/rules/nope"), 404, null);
        assertProblem(http.delete("/api/rules/nope"), 404, null);
        assertProblem(http.get("/api/devices/nope"), 404, null);
    }

    private void assertProblem(HttpResponse<String> r, int status, String parameter)
            throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<?, ?> problem = json.readValue(r.body(), Map.class);
        assertThat(problem.get("status")).isEqualTo(status);
        assertThat(problem.get("parameter")).isEqualTo(parameter);
        assertThat((String) problem.get("detail")).isNotBlank();
    }

    /** The records with this key on the rules topic, once there are {@code expected} of them. */
    private List<ConsumerRecord<String, byte[]>> rulesFor(String key, int expected) {
        return await().atMost(SharedKafka.TIMEOUT)
                .until(
                        () ->
                                SharedKafka.get()
                                        .consume(
                                                Topics.RULES.name(), Integer.MAX_VALUE, POLL, false)
                                        .stream()
                                        .filter(r -> key.equals(r.key()))
                                        .toList(),
                        records -> records.size() >= expected);
    }
}
