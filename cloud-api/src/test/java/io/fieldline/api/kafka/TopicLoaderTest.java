package io.fieldline.api.kafka;

import static io.fieldline.api.TestData.T0_MS;
import static io.fieldline.api.TestData.aggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.api.SharedKafka;
import io.fieldline.proto.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TopicLoaderTest {
    private static final String AGGS = Topics.WINDOW_AGGREGATES.name();

    private record Seen(String key, boolean live) {}

    @Test
    void existingRecordsAreReplayedAndOnlyLaterOnesAreLive() {
        SharedKafka.publish(AGGS, "loader-1", aggregate("loader-1", "t", T0_MS, 1));
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (TopicLoader loader =
                new TopicLoader(
                                KafkaProps.consumer(SharedKafka.bootstrap()),
                                List.of(AGGS),
                                (topic, key, value, live) -> seen.add(new Seen(key, live)))
                        .start()) {
            await().atMost(SharedKafka.TIMEOUT).until(loader::caughtUp);
            assertThat(seen).contains(new Seen("loader-1", false));
            assertThat(seen).noneMatch(Seen::live);

            SharedKafka.publish(AGGS, "loader-2", aggregate("loader-2", "t", T0_MS, 2));
            await().atMost(SharedKafka.TIMEOUT)
                    .untilAsserted(() -> assertThat(seen).contains(new Seen("loader-2", true)));
            assertThat(loader.missingTopics()).isEmpty();
        }
    }

    @Test
    void anUnreachableBrokerIsReportedAndNeverCountsAsCaughtUp() {
        try (TopicLoader loader =
                new TopicLoader(
                                KafkaProps.consumer("127.0.0.1:1"),
                                List.of(AGGS),
                                (topic, key, value, live) -> {})
                        .start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> loader.lastError() != null);
            assertThat(loader.caughtUp()).isFalse();
            assertThat(loader.missingTopics()).containsExactly(AGGS);
        }
    }
}
