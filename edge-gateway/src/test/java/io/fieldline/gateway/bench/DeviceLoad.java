package io.fieldline.gateway.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** One simulated device of the load harness: publishes JSON readings and times PUBACKs. */
final class DeviceLoad {
    private final MqttClient client;
    private final String topic;
    private final Map<Integer, Long> inflight = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger outstanding =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile MqttQoS qos;
    private volatile long endNanos;
    private volatile AtomicLong sent;
    private volatile Histogram latency;
    private volatile boolean closedLoop;
    private double owed;

    DeviceLoad(MqttClient client, String device) {
        this.client = client;
        this.topic = "fieldline/" + device + "/telemetry";
        client.publishCompletionHandler(this::acked);
    }

    void begin(MqttQoS qos, long endNanos, AtomicLong sent, Histogram latency, boolean closedLoop) {
        this.qos = qos;
        this.endNanos = endNanos;
        this.sent = sent;
        this.latency = latency;
        this.closedLoop = closedLoop;
        this.owed = 0;
        inflight.clear();
        outstanding.set(0);
    }

    void disconnect() {
        if (client.isConnected()) {
            client.disconnect();
        }
    }

    void burst(int n) {
        for (int i = 0; i < n; i++) {
            publishOne();
        }
    }

    /** Called every 10 ms by the pacing timer with this device's share of the offered rate. */
    void tick(double perTick) {
        owed += perTick;
        while (owed >= 1) {
            owed -= 1;
            publishOne();
        }
    }

    private void acked(int id) {
        outstanding.decrementAndGet();
        Long t0 = inflight.remove(id);
        if (t0 != null && latency != null) {
            latency.recordValue(System.nanoTime() - t0);
        }
        if (closedLoop) {
            publishOne();
        }
    }

    private void publishOne() {
        if (System.nanoTime() >= endNanos || !client.isConnected()) {
            return;
        }
        if (qos != MqttQoS.AT_MOST_ONCE && outstanding.incrementAndGet() > 16) {
            outstanding.decrementAndGet(); // the client's in-flight window is full: skip
            return;
        }
        long s = seq.incrementAndGet();
        String json =
                "{\"ts\":"
                        + System.currentTimeMillis()
                        + ",\"seq\":"
                        + s
                        + ",\"metrics\":{\"temperature\":"
                        + (20 + s % 10)
                        + ",\"humidity\":41.5}}";
        long t0 = System.nanoTime();
        MqttQoS q = qos;
        client.publish(topic, Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)), q, false, false)
                .onSuccess(
                        id -> {
                            sent.incrementAndGet();
                            if (q != MqttQoS.AT_MOST_ONCE) {
                                inflight.put(id, t0);
                            }
                        });
    }
}
