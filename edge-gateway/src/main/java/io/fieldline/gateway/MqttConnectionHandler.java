package io.fieldline.gateway;

import io.fieldline.gateway.config.GatewayConfig.MqttSettings;
import io.fieldline.gateway.functions.PublishHandler;
import io.fieldline.gateway.model.RejectReason;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts one MQTT connection (3.1.1 or 5) within the configured limits and runs each publish
 * through the {@link PublishHandler}.
 *
 * <p>Acknowledgements: PUBACK/PUBREC is sent only after the publish is durable, and in the order
 * the publishes arrived (MQTT 3.1.1 §4.6), so each ack waits for the previous one. QoS 2 is handled
 * per spec within the connection: a re-sent PUBLISH whose packet id awaits its PUBREL is answered
 * again with PUBREC and not forwarded twice. When the gateway cannot take a publish, an MQTT 5
 * client gets a QUOTA_EXCEEDED reason code; an MQTT 3.1.1 client is disconnected so that it resends
 * later.
 */
final class MqttConnectionHandler implements Handler<MqttEndpoint> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);
    private static final int MQTT_5 = 5;

    private final Vertx vertx;
    private final PublishHandler publishes;
    private final GatewayMetrics metrics;
    private final MqttSettings settings;

    MqttConnectionHandler(
            Vertx vertx, PublishHandler publishes, GatewayMetrics metrics, MqttSettings settings) {
        this.vertx = vertx;
        this.publishes = publishes;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void handle(MqttEndpoint endpoint) {
        boolean v5 = endpoint.protocolVersion() == MQTT_5;
        String clientId = endpoint.clientIdentifier();
        if (!validClientId(clientId)) {
            LOG.warn("event=refused client='{}' reason=client id contains + # / or NUL", clientId);
            endpoint.reject(
                    v5
                            ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                            : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
            return;
        }
        if (metrics.connectionCount() >= settings.maxConnections()) {
            LOG.warn("event=refused client={} reason=max-connections reached", clientId);
            endpoint.reject(
                    v5
                            ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY
                            : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            return;
        }
        MqttProperties connack = new MqttProperties();
        if (v5) {
            connack.add(
                    new IntegerProperty(
                            MqttPropertyType.RECEIVE_MAXIMUM.value(),
                            settings.maxInflightPerConnection()));
        }
        int keepAlive = endpoint.keepAliveTimeSeconds();
        if (keepAlive == 0 || keepAlive > settings.maxKeepAliveSeconds()) {
            if (!v5) {
                // MQTT 3.1.1 has no way to shorten the client's keep-alive: refuse, and say why.
                LOG.warn("event=refused client={} reason=keep-alive {} s", clientId, keepAlive);
                endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
                return;
            }
            connack.add(
                    new IntegerProperty(
                            MqttPropertyType.SERVER_KEEP_ALIVE.value(),
                            settings.maxKeepAliveSeconds()));
        }
        metrics.connectionOpened();
        new Session(vertx.getOrCreateContext(), endpoint).start(connack);
    }

    /** Per-connection state: the ack chain and QoS 2 packet ids awaiting their PUBREL. */
    private final class Session {
        private final Context ctx;
        private final MqttEndpoint endpoint;
        private final Map<Integer, Future<Void>> awaitingRelease = new HashMap<>();
        private Future<?> lastAck = Future.succeededFuture();
        private int inflight;

        Session(Context ctx, MqttEndpoint endpoint) {
            this.ctx = ctx;
            this.endpoint = endpoint;
        }

        void start(MqttProperties connack) {
            endpoint.publishAutoAck(false);
            endpoint.publishHandler(this::onPublish);
            endpoint.publishReleaseHandler(
                    id -> {
                        awaitingRelease.remove(id);
                        endpoint.publishComplete(id);
                    });
            endpoint.exceptionHandler(
                    e -> LOG.debug("connection {}: {}", endpoint.clientIdentifier(), e.toString()));
            endpoint.closeHandler(v -> metrics.connectionClosed());
            endpoint.accept(false, connack);
        }

        private void onPublish(MqttPublishMessage msg) {
            if (msg.qosLevel() == MqttQoS.EXACTLY_ONCE) {
                Future<Void> pending = awaitingRelease.get(msg.messageId());
                if (pending != null) {
                    // A re-sent QoS 2 publish: answer again once the first copy is durable.
                    pending.onSuccess(v -> endpoint.publishReceived(msg.messageId()));
                    return;
                }
            }
            if (msg.qosLevel() != MqttQoS.AT_MOST_ONCE
                    && inflight >= settings.maxInflightPerConnection()) {
                // Bounds the memory one connection can pin while Kafka is slow (3.1.1 has no
                // receive maximum; MQTT 5 clients were told it in CONNACK).
                metrics.rejected(RejectReason.INFLIGHT_LIMIT);
                refuse(msg, new IllegalStateException("more than max-inflight-per-connection"));
                return;
            }
            Future<Void> outcome =
                    publishes.handle(
                            ctx,
                            msg.topicName(),
                            msg.payload().getBytes(),
                            contentType(msg),
                            System.currentTimeMillis());
            if (msg.qosLevel() == MqttQoS.AT_MOST_ONCE) {
                return;
            }
            // Wait for the previous ack, then report this publish's own outcome.
            inflight++;
            Future<Void> inOrder = lastAck.transform(prev -> outcome);
            if (msg.qosLevel() == MqttQoS.EXACTLY_ONCE) {
                awaitingRelease.put(msg.messageId(), inOrder);
            }
            inOrder.onComplete(
                    ar -> {
                        inflight--;
                        if (ar.succeeded()) {
                            msg.ack();
                        } else {
                            awaitingRelease.remove(msg.messageId());
                            refuse(msg, ar.cause());
                        }
                    });
            lastAck = inOrder.otherwiseEmpty();
        }

        private void refuse(MqttPublishMessage msg, Throwable cause) {
            if (!endpoint.isConnected()) {
                return;
            }
            if (endpoint.protocolVersion() == MQTT_5) {
                if (msg.qosLevel() == MqttQoS.EXACTLY_ONCE) {
                    endpoint.publishReceived(
                            msg.messageId(),
                            MqttPubRecReasonCode.QUOTA_EXCEEDED,
                            MqttProperties.NO_PROPERTIES);
                } else {
                    endpoint.publishAcknowledge(
                            msg.messageId(),
                            MqttPubAckReasonCode.QUOTA_EXCEEDED,
                            MqttProperties.NO_PROPERTIES);
                }
                return;
            }
            LOG.warn(
                    "event=closing client={} message={} reason=\"{}\" (the client will resend)",
                    endpoint.clientIdentifier(),
                    msg.messageId(),
                    cause.getMessage());
            endpoint.close();
        }
    }

    private static String contentType(MqttPublishMessage msg) {
        MqttProperties props = msg.properties();
        if (props == null) {
            return null;
        }
        var p = props.getProperty(MqttPropertyType.CONTENT_TYPE.value());
        return p == null ? null : (String) p.value();
    }

    static boolean validClientId(String id) {
        if (id == null) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '+' || c == '#' || c == '/' || c == 0) {
                return false;
            }
        }
        return true;
    }
}
