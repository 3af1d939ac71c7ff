package io.fieldline.api.web;

import io.fieldline.api.kafka.RulePublisher;
import io.fieldline.api.model.RuleJson;
import io.fieldline.api.view.Views;
import io.fieldline.proto.Rule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Rules: read from the rules view, changed by publishing to the compacted rules topic, from which
 * the Flink jobs pick them up live.
 */
@Controller("/api/rules")
final class RulesController {
    private final Views views;
    private final RulePublisher publisher;
    private final JsonMapper json;
    private final Clock clock;

    RulesController(Views views, RulePublisher publisher, JsonMapper json, Clock clock) {
        this.views = views;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    @Get
    List<RuleJson> rules() {
        return views.rules().all().stream().map(RuleJson::of).toList();
    }

    @Get("/{id}")
    RuleJson rule(@PathVariable String id) {
        Params.id("id", id);
        return views.rules()
                .get(id)
                .map(RuleJson::of)
                .orElseThrow(() -> new NotFoundException("no rule '" + id + "'"));
    }

    /** Creates or replaces a rule; answers once Kafka acknowledged it. */
    @Put("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    RuleJson put(@PathVariable String id, @Body @Nullable String body) {
        Params.id("id", id);
        Rule rule = RuleRequests.toRule(id, parse(body), clock.millis());
        publisher.put(rule);
        views.ruleWritten(id, Optional.of(rule));
        return RuleJson.of(rule);
    }

    /** Publishes a tombstone for the rule; 404 if the rule is unknown. */
    @Delete("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<Void> delete(@PathVariable String id) {
        rule(id);
        publisher.delete(id);
        views.ruleWritten(id, Optional.empty());
        return HttpResponse.noContent();
    }

    private RuleJson parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadParameterException("body", "a JSON rule is required");
        }
        try {
            return json.readValue(body, RuleJson.class);
        } catch (IOException | RuntimeException e) {
            throw new BadParameterException("body", "body is not a valid rule: " + e.getMessage());
        }
    }
}
