package io.fieldline.gateway;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * QoS 1 publishers for the outbox tests: one HiveMQ MQTT 5 async client per device, remembering
 * which (device, seq) the gateway PUBACKed with success. The client queues what exceeds the
 * gateway's Receive Maximum, so publishing never blocks the caller (open loop).
 */
final class AckedPublishers implements AutoCloseable {
    static final long T0 = 1_790_000_000_000L;

    private final Map<String, Mqtt5AsyncClient> clients = new LinkedHashMap<>();
    private final Map<String, BitSet> acked = new LinkedHashMap<>();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong ackCount = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    AckedPublishers(int port, List<String> devices) throws Exception {
        for (String d : devices) {
            Mqtt5AsyncClient c =
                    MqttClient.builder()
                            .useMqttVersion5()
                            .identifier(d)
                            .serverHost("127.0.0.1")
                            .serverPort(port)
                            .buildAsync();
            c.connectWith().keepAlive(60).send().get(10, TimeUnit.SECONDS);
            clients.put(d, c);
            acked.put(d, new BitSet());
        }
    }

    List<String> devices() {
        return new ArrayList<>(clients.keySet());
    }

    /** Publishes reading {@code seq} (≥ 1) of {@code device}; completes true if PUBACKed OK. */
    CompletableFuture<Boolean> publish(String device, int seq) {
        offered.incrementAndGet();
        byte[] payload = GatewayTestSupport.json(T0 + seq, seq, "\"t\":" + (seq % 100));
        return clients.get(device)
                .publishWith()
                .topic(GatewayTestSupport.topicOf(device))
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload)
                .send()
                .handle(
                        (r, e) -> {
                            boolean ok = e == null && r.getError().isEmpty();
                            if (ok) {
                                BitSet s = acked.get(device);
                                synchronized (s) {
                                    s.set(seq);
                                }
                                ackCount.incrementAndGet();
                            } else {
                                refused.incrementAndGet();
                            }
                            return ok;
                        });
    }

    /** Publishes seq {@code from..to} of every device and waits for every PUBACK. */
    void publishAll(int from, int to) throws Exception {
        List<CompletableFuture<Boolean>> all = new ArrayList<>();
        for (String d : clients.keySet()) {
            for (int seq = from; seq <= to; seq++) {
                all.add(publish(d, seq));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    long offered() {
        return offered.get();
    }

    long acked() {
        return ackCount.get();
    }

    long refused() {
        return refused.get();
    }

    /** Every PUBACKed reading as {@code device#seq}. */
    List<String> ackedKeys() {
        List<String> keys = new ArrayList<>();
        acked.forEach(
                (d, s) -> {
                    synchronized (s) {
                        s.stream().forEach(seq -> keys.add(d + "#" + seq));
                    }
                });
        return keys;
    }

    @Override
    public void close() {
        for (Mqtt5AsyncClient c : clients.values()) {
            try {
                c.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already gone; nothing to release
            }
        }
    }
}
