package io.fieldline.simulator.verify;

import io.fieldline.proto.Alert;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code fieldline.alerts} and {@code fieldline.ledger} from the beginning (committed records
 * only) until nothing new has arrived for {@code idle}, or {@code timeout} has passed.
 */
public final class TopicReader {
    private final String bootstrap;

    public TopicReader(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** What was read. */
    public record Contents(List<Alert> alerts, List<LedgerEntry> ledger) {}

    public Contents read(Duration idle, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fieldline-verify-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Alert> alerts = new ArrayList<>();
        List<LedgerEntry> ledger = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of(Topics.ALERTS.name(), Topics.LEDGER.name())) {
                c.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - lastNew < idle.toNanos()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    lastNew = System.nanoTime();
                    if (r.topic().equals(Topics.ALERTS.name())) {
                        alerts.add(Topics.ALERTS.parse(r.value()));
                    } else {
                        ledger.add(Topics.LEDGER.parse(r.value()));
                    }
                }
            }
        }
        return new Contents(alerts, ledger);
    }
}
