package io.fieldline.api.web;

import io.fieldline.api.kafka.TopicLoader;
import io.fieldline.api.view.Views;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /health}: whether the views are loaded and what the loader has read. */
@Controller("/health")
final class HealthController {
    private final Views views;
    private final TopicLoader loader;
    private final LiveFeed feed;

    HealthController(Views views, TopicLoader loader, LiveFeed feed) {
        this.views = views;
        this.loader = loader;
        this.feed = feed;
    }

    @Get
    Health health() {
        return new Health(
                "UP",
                loader.caughtUp(),
                loader.missingTopics(),
                views.records(),
                views.undecodable(),
                views.alerts().size(),
                views.fleet().all().size(),
                feed.subscribers(),
                loader.lastError());
    }

    /**
     * @param caughtUp true once the views hold everything Kafka had when the service started
     * @param missingTopics topics not found yet
     */
    @Serdeable
    record Health(
            String status,
            boolean caughtUp,
            List<String> missingTopics,
            long records,
            long undecodable,
            int alerts,
            int devices,
            int streamSubscribers,
            @Nullable String kafkaError) {}
}
