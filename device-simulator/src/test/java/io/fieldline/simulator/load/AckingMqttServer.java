package io.fieldline.simulator.load;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real MQTT server on a loopback port that acknowledges every publish and, if asked, keeps the
 * payloads per topic: the sink the simulator's tests publish to.
 */
public final class AckingMqttServer {
    private final MqttServer server;
    private final boolean keep;
    final LongAdder received = new LongAdder();
    final Map<String, List<byte[]>> byTopic = new ConcurrentHashMap<>();
    final List<Integer> protocolVersions = new CopyOnWriteArrayList<>();
    final List<String> contentTypes = new CopyOnWriteArrayList<>();

    private AckingMqttServer(MqttServer server, boolean keep) {
        this.server = server;
        this.keep = keep;
    }

    public static AckingMqttServer start(Vertx vertx, boolean keepPayloads) {
        MqttServer s = MqttServer.create(vertx, new MqttServerOptions().setHost("127.0.0.1"));
        AckingMqttServer sink = new AckingMqttServer(s, keepPayloads);
        s.endpointHandler(
                ep -> {
                    sink.protocolVersions.add(ep.protocolVersion());
                    ep.publishHandler(
                            m -> {
                                sink.received.increment();
                                if (keepPayloads) {
                                    sink.byTopic
                                            .computeIfAbsent(
                                                    m.topicName(),
                                                    t -> new CopyOnWriteArrayList<>())
                                            .add(m.payload().getBytes());
                                    var ct =
                                            m.properties()
                                                    .getProperty(
                                                            MqttProperties.MqttPropertyType
                                                                    .CONTENT_TYPE
                                                                    .value());
                                    if (ct != null && sink.contentTypes.isEmpty()) {
                                        sink.contentTypes.add(String.valueOf(ct.value()));
                                    }
                                }
                                if (m.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                                    ep.publishAcknowledge(m.messageId());
                                }
                            });
                    ep.accept(false);
                });
        s.listen(0).await();
        return sink;
    }

    public int port() {
        return server.actualPort();
    }

    public long received() {
        return received.sum();
    }

    public void close() {
        server.close().await();
    }
}
