package io.fieldline.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands records to the Kafka producer from one dedicated thread through a bounded queue.
 *
 * <p>{@code Producer.send} can block (metadata fetch, full buffer) and must never run on a Vert.x
 * event loop. The bounded queue is the gateway's backpressure point: when Kafka is slow or
 * unreachable, {@link #offer} returns false and the caller refuses the reading (no PUBACK) and
 * counts it, rather than buffering without limit.
 */
public final class KafkaSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSender.class);

    private record Pending(
            ProducerRecord<String, byte[]> record, BiConsumer<RecordMetadata, Exception> done) {}

    private final Producer<String, byte[]> producer;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean running = true;

    public KafkaSender(ProducerFactory factory, Map<String, Object> config, int capacity) {
        this.producer = factory.create(config);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "fieldline-kafka-sender");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Producer settings for durable, ordered delivery from a small edge box. */
    public static Map<String, Object> producerConfig(
            String bootstrap, String clientId, long deliveryTimeoutMs) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeoutMs);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(deliveryTimeoutMs, 15_000));
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeoutMs);
        return c;
    }

    /**
     * Queues a record; {@code done} runs on the producer's I/O thread with the metadata or the
     * failure. Returns false, without calling {@code done}, when the queue is full or closed.
     */
    public boolean offer(
            ProducerRecord<String, byte[]> record, BiConsumer<RecordMetadata, Exception> done) {
        return running && queue.offer(new Pending(record, done));
    }

    public int queued() {
        return queue.size();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            Pending p;
            try {
                p = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (p == null) {
                continue;
            }
            try {
                producer.send(p.record(), (md, ex) -> p.done().accept(md, ex));
            } catch (RuntimeException e) {
                p.done().accept(null, e);
            }
        }
        // Anything still queued after an interrupt is failed, never dropped silently.
        for (Pending p; (p = queue.poll()) != null; ) {
            p.done().accept(null, new IllegalStateException("gateway shutting down"));
        }
    }

    /** Stops taking records, sends what is queued, and waits up to {@code timeout} for acks. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    public void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        running = false;
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        long left = Math.max(0, deadline - System.nanoTime());
        producer.close(Duration.ofNanos(left));
        LOG.info("Kafka sender closed");
    }
}
