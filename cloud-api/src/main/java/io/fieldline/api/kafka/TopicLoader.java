package io.fieldline.api.kafka;

import io.fieldline.api.view.RecordSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the given topics from the beginning on one thread and hands every record to a {@link
 * RecordSink}. No consumer group: partitions are assigned directly, so every instance rebuilds its
 * views from whatever Kafka still holds. Topics that do not exist yet are picked up when they
 * appear. Records are "live" once the loader has reached the end offsets it saw when it assigned
 * the partitions.
 */
public final class TopicLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicLoader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long METADATA_RETRY_MS = 1_000;
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(2);

    private final Properties props;
    private final List<String> topics;
    private final RecordSink sink;
    private final Thread thread;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Set<String> assignedTopics = new HashSet<>();
    private final Map<TopicPartition, Long> catchUpTargets = new HashMap<>();
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String lastError;

    public TopicLoader(Properties consumerProps, List<String> topics, RecordSink sink) {
        this.props = consumerProps;
        this.topics = List.copyOf(topics);
        this.sink = sink;
        this.thread = new Thread(this::run, "fieldline-api-loader");
        this.thread.setDaemon(true);
    }

    public TopicLoader start() {
        thread.start();
        return this;
    }

    /** True once every record that existed in the assigned partitions at start was applied. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Topics not found yet (they are assigned as soon as they exist). */
    public synchronized List<String> missingTopics() {
        return topics.stream().filter(t -> !assignedTopics.contains(t)).toList();
    }

    public String lastError() {
        return lastError;
    }

    private void run() {
        long nextMetadataCheck = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            while (running) {
                if (!missingTopics().isEmpty() && System.currentTimeMillis() >= nextMetadataCheck) {
                    assignNewTopics(consumer);
                    nextMetadataCheck = System.currentTimeMillis() + METADATA_RETRY_MS;
                }
                if (consumer.assignment().isEmpty()) {
                    // Nothing to replay only if Kafka answered that the topics do not exist yet.
                    caughtUp = lastError == null;
                    stopRequested.await(METADATA_RETRY_MS, TimeUnit.MILLISECONDS);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    sink.accept(r.topic(), r.key(), r.value(), caughtUp);
                }
                updateCaughtUp(consumer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lastError = e.toString();
            LOG.error("Topic loader stopped", e);
        }
    }

    private void assignNewTopics(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : missingTopics()) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                lastError = null;
            } catch (TimeoutException e) {
                // Broker unreachable: keep what is assigned, try again on the next round.
                lastError = "metadata for " + topic + " timed out";
                break;
            }
            if (infos != null && !infos.isEmpty()) {
                infos.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
                synchronized (this) {
                    assignedTopics.add(topic);
                }
            }
        }
        if (added.isEmpty()) {
            return;
        }
        List<TopicPartition> all = new ArrayList<>(consumer.assignment());
        all.addAll(added);
        consumer.assign(all);
        consumer.seekToBeginning(added);
        if (!caughtUp) {
            catchUpTargets.putAll(consumer.endOffsets(added));
        }
        LOG.info("Reading {} partition(s) from the beginning: {}", added.size(), added);
    }

    private void updateCaughtUp(KafkaConsumer<String, byte[]> consumer) {
        if (caughtUp) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> e : catchUpTargets.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return;
            }
        }
        caughtUp = true;
        LOG.info("Views caught up with {}", catchUpTargets.keySet());
    }

    @Override
    public void close() {
        running = false;
        stopRequested.countDown();
        try {
            // The loop notices within one poll or metadata timeout.
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Topic loader did not stop within 5 s");
        }
    }
}
