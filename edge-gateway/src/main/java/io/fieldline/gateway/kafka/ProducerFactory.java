package io.fieldline.gateway.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Creates the gateway's Kafka producer; injected so tests and benchmarks choose the edge. */
@FunctionalInterface
public interface ProducerFactory {
    Producer<String, byte[]> create(Map<String, Object> config);

    static ProducerFactory kafka() {
        return config ->
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
