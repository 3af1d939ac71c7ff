package io.fieldline.api;

import io.fieldline.api.config.ViewLimits;
import io.fieldline.api.kafka.KafkaProps;
import io.fieldline.api.kafka.RulePublisher;
import io.fieldline.api.kafka.TopicLoader;
import io.fieldline.api.view.Views;
import io.fieldline.api.web.LiveFeed;
import io.fieldline.proto.Topics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Wires the plain-Java parts (views, loader, publisher) into Micronaut. Configuration keys, with
 * their defaults, are listed in {@code application.properties}; environment variables override them
 * ({@code FIELDLINE_KAFKA_BOOTSTRAP} for {@code fieldline.kafka.bootstrap}).
 */
@Factory
final class ApiBeans {
    static final List<String> TOPICS =
            List.of(
                    Topics.ALERTS.name(),
                    Topics.WINDOW_AGGREGATES.name(),
                    Topics.LEDGER.name(),
                    Topics.RULES.name());

    @Singleton
    ViewLimits limits(
            @Value("${fieldline.api.alerts.max}") int maxAlerts,
            @Value("${fieldline.api.devices.max}") int maxDevices,
            @Value("${fieldline.api.series.max-points}") int maxPoints,
            @Value("${fieldline.api.ledger.max-per-device}") int maxLedger,
            @Value("${fieldline.api.retention}") Duration retention) {
        return new ViewLimits(maxAlerts, maxDevices, maxPoints, maxLedger, retention);
    }

    @Singleton
    LiveFeed liveFeed() {
        return new LiveFeed();
    }

    @Singleton
    Views views(ViewLimits limits, LiveFeed feed) {
        Views views = new Views(limits);
        views.addListener(feed);
        return views;
    }

    /** Eager: the views start loading when the service starts, not on the first request. */
    @Context
    @Bean(preDestroy = "close")
    TopicLoader loader(Views views, @Value("${fieldline.kafka.bootstrap}") String bootstrap) {
        return new TopicLoader(KafkaProps.consumer(bootstrap), TOPICS, views).start();
    }

    @Singleton
    @Bean(preDestroy = "close")
    RulePublisher rulePublisher(
            @Value("${fieldline.kafka.bootstrap}") String bootstrap,
            @Value("${fieldline.api.rules.publish-timeout}") Duration timeout) {
        return RulePublisher.create(KafkaProps.producer(bootstrap), timeout);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
