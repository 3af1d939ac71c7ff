package io.fieldline.simulator.load;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real MQTT server on a loopback port that acknowledges every publish and, if asked, keeps the
 * payloads per topic and in arrival order: the sink the simulator's tests publish to. It can hold
 * each CONNACK back for a while, and records when CONNECTs arrive and how many waited at once.
 */
public final class AckingMqttServer {
    /** One publish as it arrived. */
    public record Received(String clientId, String topic, int qos, byte[] payload, long atMs) {}

    private final MqttServer server;
    final LongAdder received = new LongAdder();
    final Map<String, List<byte[]>> byTopic = new ConcurrentHashMap<>();
    final List<Received> log = new CopyOnWriteArrayList<>();
    final List<Integer> protocolVersions = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();
    final List<Long> connectTimesMs = new CopyOnWriteArrayList<>();
    private final AtomicInteger connecting = new AtomicInteger();
    final AtomicInteger maxConnecting = new AtomicInteger();

    /** While true, QoS 1 publishes are received but never acknowledged. */
    volatile boolean withholdAcks;

    private AckingMqttServer(MqttServer server) {
        this.server = server;
    }

    public static AckingMqttServer start(Vertx vertx, boolean keepPayloads) {
        return start(vertx, keepPayloads, 0);
    }

    /** With {@code connackDelayMs > 0} every CONNACK goes out that much after its CONNECT. */
    public static AckingMqttServer start(Vertx vertx, boolean keepPayloads, long connackDelayMs) {
        MqttServer s = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1"));
        AckingMqttServer sink = new AckingMqttServer(s);
        s.endpointHandler(
                ep -> {
                    sink.connectTimesMs.add(System.currentTimeMillis());
                    sink.protocolVersions.add(ep.protocolVersion());
                    ep.publishHandler(m -> sink.onPublish(ep, m, keepPayloads));
                    int now = sink.connecting.incrementAndGet();
                    sink.maxConnecting.accumulateAndGet(now, Math::max);
                    if (connackDelayMs == 0) {
                        sink.connecting.decrementAndGet();
                        ep.accept(false);
                    } else {
                        vertx.setTimer(
                                connackDelayMs,
                                id -> {
                                    sink.connecting.decrementAndGet();
                                    ep.accept(false);
                                });
                    }
                });
        s.listen(0).await();
        return sink;
    }

    private void onPublish(MqttEndpoint ep, MqttPublishMessage m, boolean keep) {
        received.increment();
        if (keep) {
            byte[] payload = m.payload().getBytes();
            byTopic.computeIfAbsent(m.topicName(), t -> new CopyOnWriteArrayList<>()).add(payload);
            log.add(
                    new Received(
                            ep.clientIdentifier(),
                            m.topicName(),
                            m.qosLevel().value(),
                            payload,
                            System.currentTimeMillis()));
            var ct =
                    m.properties()
                            .getProperty(MqttProperties.MqttPropertyType.CONTENT_TYPE.value());
            if (ct != null && contentTypes.isEmpty()) {
                contentTypes.add(String.valueOf(ct.value()));
            }
        }
        if (m.qosLevel() == MqttQoS.AT_LEAST_ONCE && !withholdAcks) {
            ep.publishAcknowledge(m.messageId());
        }
    }

    public int port() {
        return server.actualPort();
    }

    public long received() {
        return received.sum();
    }

    /** What one client published, in arrival order. */
    List<Received> from(String clientId) {
        return log.stream().filter(r -> r.clientId().equals(clientId)).toList();
    }

    public void close() {
        server.close().await();
    }
}
