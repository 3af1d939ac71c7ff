package io.fieldline.gateway;

import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.fieldline.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the telemetry topic of a test's own broker from the beginning and counts the copies of
 * every (device, seq), so tests can check that every acknowledged reading arrived and count
 * duplicates.
 */
final class TelemetryCopies {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Integer> copies = new HashMap<>();
    private long records;

    TelemetryCopies(EmbeddedKafka kafka) {
        this.consumer = kafka.consumer("copies-" + System.nanoTime(), false);
        String topic = Topics.TELEMETRY.name();
        List<TopicPartition> parts =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    static String key(String device, long seq) {
        return device + "#" + seq;
    }

    /** One poll; returns the (device#seq) keys read, in topic order. */
    List<String> poll(Duration timeout) throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            Telemetry t = Telemetry.parseFrom(r.value());
            String k = key(t.getDeviceId(), t.getSeq());
            copies.merge(k, 1, Integer::sum);
            keys.add(k);
            records++;
        }
        return keys;
    }

    /** Polls until every key in {@code expected} was read (then 1 s more) or the deadline. */
    TelemetryCopies readUntilAll(Collection<String> expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long settle = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(deadline, settle)) {
            poll(Duration.ofMillis(200));
            if (settle == Long.MAX_VALUE
                    && copies.size() >= expected.size()
                    && copies.keySet().containsAll(expected)) {
                settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
        }
        return this;
    }

    Map<String, Integer> copies() {
        return copies;
    }

    /** Records read beyond the first copy of each key. */
    long duplicates() {
        return records - copies.size();
    }

    void close() {
        consumer.close();
    }
}
