package io.fieldline.api.kafka;

import io.fieldline.proto.Rule;
import io.fieldline.proto.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes rule changes to the compacted rules topic (key: rule id; a tombstone deletes), waiting for
 * the broker's acknowledgement so a successful HTTP response means the change is durable.
 */
public final class RulePublisher implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    public RulePublisher(Producer<String, byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    public static RulePublisher create(Properties producerProps, Duration timeout) {
        return new RulePublisher(new KafkaProducer<>(producerProps), timeout);
    }

    public void put(Rule rule) {
        send(rule.getRuleId(), rule.toByteArray());
    }

    public void delete(String ruleId) {
        send(ruleId, null);
    }

    private void send(String ruleId, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", Topics.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("schema-version", Topics.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.RULES.name(), null, ruleId, value, headers);
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing rule " + ruleId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException(
                    "rule " + ruleId + " was not acknowledged by Kafka within " + timeout, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The rules topic did not accept a change; the API answers 503. */
    public static final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
