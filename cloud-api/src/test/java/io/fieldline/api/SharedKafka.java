package io.fieldline.api;

import io.fieldline.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One embedded Kafka broker with the Fieldline topics for every test class of this module (each
 * test uses its own device ids), closed when the test JVM exits.
 */
public final class SharedKafka {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static EmbeddedKafka kafka;
    private static KafkaProducer<String, byte[]> producer;

    private SharedKafka() {}

    public static synchronized EmbeddedKafka get() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            kafka.createFieldlineTopics(2);
            producer = kafka.producer();
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        producer.close();
                                        kafka.close();
                                    }));
        }
        return kafka;
    }

    public static String bootstrap() {
        return get().bootstrapServers();
    }

    /** Publishes one record and waits for the broker's acknowledgement. */
    public static void publish(String topic, String key, com.google.protobuf.Message value) {
        get();
        try {
            producer.send(
                            new ProducerRecord<>(
                                    topic, key, value == null ? null : value.toByteArray()))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }
}
