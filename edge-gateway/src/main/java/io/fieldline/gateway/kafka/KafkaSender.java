package io.fieldline.gateway.kafka;

import io.fieldline.gateway.config.GatewayConfig.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands records to the Kafka producer from one dedicated thread through a bounded queue.
 *
 * <p>{@code Producer.send} can block (metadata fetch, full buffer) and must never run on a Vert.x
 * event loop. The bound on records in flight (queued or inside the producer) is the gateway's
 * backpressure point: when Kafka is slow or unreachable, {@link #offer} returns false and the
 * caller refuses the reading (no PUBACK) and counts it, rather than buffering without limit.
 */
public final class KafkaSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSender.class);

    private record Pending(
            ProducerRecord<String, byte[]> record, BiConsumer<RecordMetadata, Exception> done) {}

    private final Producer<String, byte[]> producer;
    private final BlockingQueue<Pending> queue;
    private final int capacity;
    private final Thread thread;
    private final AtomicLong failedAtClose = new AtomicLong();
    // Bounds queue *and* producer together: the producer alone would accept buffer.memory worth
    // of records, each with its callbacks, which is more than a 64 MB heap holds.
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running = true;

    public KafkaSender(ProducerFactory factory, Map<String, Object> config, int capacity) {
        this.producer = factory.create(config);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.thread = new Thread(this::run, "fieldline-kafka-sender");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Producer settings for durable, ordered delivery from a small edge box. */
    public static Map<String, Object> producerConfig(KafkaSettings k, String clientId) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrap());
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, k.compression());
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, k.batchBytes());
        // A Pi has little memory: the producer's buffer stays small, the queue above bounds it.
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * 1024 * 1024);
        int delivery = (int) k.sendTimeoutMs();
        int request = Math.min(delivery - 1000, 15_000);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
        // delivery.timeout.ms must be >= linger.ms + request.timeout.ms.
        c.put(ProducerConfig.LINGER_MS_CONFIG, Math.min(k.lingerMs(), delivery - request));
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) delivery);
        return c;
    }

    /**
     * True while the producer holds at least one connection to the cluster; what {@code /ready}
     * reports. The idempotent producer connects at start-up to get its producer id.
     */
    public boolean connected() {
        for (var e : producer.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (n.name().equals("connection-count") && n.group().equals("producer-metrics")) {
                Object v = e.getValue().metricValue();
                return v instanceof Number num && num.doubleValue() > 0;
            }
        }
        return false;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Queues a record; {@code done} runs on the producer's I/O thread with the metadata or the
     * failure. Returns false, without calling {@code done}, when the queue is full or closed.
     */
    public boolean offer(
            ProducerRecord<String, byte[]> record, BiConsumer<RecordMetadata, Exception> done) {
        if (!running || inFlight.incrementAndGet() > capacity) {
            inFlight.decrementAndGet();
            return false;
        }
        BiConsumer<RecordMetadata, Exception> release =
                (md, err) -> {
                    inFlight.decrementAndGet();
                    done.accept(md, err);
                };
        if (!queue.offer(new Pending(record, release))) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Records taken but not yet acknowledged by Kafka: in the queue or in the producer. */
    public int queued() {
        return inFlight.get();
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
            failedAtClose.incrementAndGet();
            p.done().accept(null, new IllegalStateException("gateway shutting down"));
        }
    }

    /** Stops taking records, sends what is queued, and waits up to {@code timeout} for acks. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** Records that never reached the producer because the close timeout ran out. */
    public long failedAtClose() {
        return failedAtClose.get();
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
