package io.fieldline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void producedRecordsAreConsumedInOrderWithKeysAndValues() throws Exception {
        kafka.createTopic("roundtrip", 1);
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("roundtrip", "dev-" + i, bytes("v" + i)))
                        .get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, byte[]>> records =
                kafka.consume("roundtrip", 5, TIMEOUT, false);

        assertThat(records)
                .extracting(ConsumerRecord::key)
                .containsExactly("dev-0", "dev-1", "dev-2", "dev-3", "dev-4");
        assertThat(records)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("v0", "v1", "v2", "v3", "v4");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
