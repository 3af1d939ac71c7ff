package io.fieldline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning without a consumer group (partitions are assigned directly, so
 * there is no rebalance to wait for) until enough records arrived or the deadline passed.
 */
final class RecordCollector {
    private static final Duration POLL = Duration.ofMillis(100);

    private RecordCollector() {}

    static List<ConsumerRecord<String, byte[]>> collect(
            String bootstrap, String topic, int expected, Duration timeout, boolean committed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Properties props = props(bootstrap, committed);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = partitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<String, byte[]> consumer, String topic, long deadline) {
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, left);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
                }
            } catch (TimeoutException e) {
                return List.of();
            }
            if (System.nanoTime() >= deadline) {
                return List.of();
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for topic metadata", e);
        }
    }

    /** Consumer basics: String keys, byte[] values, earliest reset, the isolation level. */
    static Properties props(String bootstrap, boolean readCommitted) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted");
        return props;
    }
}
