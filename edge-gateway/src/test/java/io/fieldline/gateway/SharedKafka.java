package io.fieldline.gateway;

import io.fieldline.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One embedded Kafka broker for all gateway tests in this JVM (starting one takes seconds), with
 * the Fieldline topics created. Tests keep apart by using their own device ids.
 */
final class SharedKafka {
    private static EmbeddedKafka kafka;

    private SharedKafka() {}

    static synchronized EmbeddedKafka get() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            kafka.createFieldlineTopics(2);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        }
        return kafka;
    }

    /**
     * Reads {@code topic} from the beginning until {@code expected} records match, or the deadline
     * passes; then reads a little longer so that extra records are noticed too. Returns all
     * matching records; the caller asserts the exact count.
     */
    static List<ConsumerRecord<String, byte[]>> records(
            String topic, Predicate<ConsumerRecord<String, byte[]>> match, int expected) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                get().consumer("probe-" + System.nanoTime(), false)) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                c.poll(Duration.ofMillis(100))
                        .forEach(
                                r -> {
                                    if (match.test(r)) {
                                        out.add(r);
                                    }
                                });
                if (out.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofMillis(300).toNanos();
                }
            }
        }
        return out;
    }

    static List<ConsumerRecord<String, byte[]>> recordsFor(String topic, String key, int expected) {
        return records(topic, r -> key.equals(r.key()), expected);
    }
}
