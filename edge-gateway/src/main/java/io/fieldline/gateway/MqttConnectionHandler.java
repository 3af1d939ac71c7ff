package io.fieldline.gateway;

import io.fieldline.gateway.functions.PublishHandler;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts one MQTT connection and runs each publish through the {@link PublishHandler}.
 *
 * <p>Acknowledgements: PUBACK is sent only after the publish is durable in Kafka, and in the order
 * the publishes arrived (MQTT 3.1.1 §4.6), so each ack waits for the previous one. When the gateway
 * cannot take a QoS 1 publish, an MQTT 5 client gets a failure reason code; an MQTT 3.1.1 client is
 * disconnected so that it resends the unacknowledged publish on reconnect.
 */
final class MqttConnectionHandler implements Handler<MqttEndpoint> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);
    private static final int MQTT_5 = 5;

    private final Vertx vertx;
    private final PublishHandler publishes;
    private final GatewayMetrics metrics;

    MqttConnectionHandler(Vertx vertx, PublishHandler publishes, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.publishes = publishes;
        this.metrics = metrics;
    }

    @Override
    public void handle(MqttEndpoint endpoint) {
        String clientId = endpoint.clientIdentifier();
        if (!validClientId(clientId)) {
            LOG.warn("refused client id '{}': it must not contain + # / or NUL", clientId);
            endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
            return;
        }
        metrics.connectionOpened();
        Context ctx = vertx.getOrCreateContext();
        Future<?>[] lastAck = {Future.succeededFuture()};
        endpoint.publishAutoAck(false);
        endpoint.publishHandler(msg -> lastAck[0] = onPublish(ctx, endpoint, msg, lastAck[0]));
        endpoint.publishReleaseHandler(endpoint::publishComplete);
        endpoint.exceptionHandler(e -> LOG.debug("connection {}: {}", clientId, e.toString()));
        endpoint.closeHandler(v -> metrics.connectionClosed());
        endpoint.accept(false);
    }

    private Future<?> onPublish(
            Context ctx, MqttEndpoint endpoint, MqttPublishMessage msg, Future<?> previousAck) {
        Future<Void> outcome =
                publishes.handle(
                        ctx, msg.topicName(), msg.payload().getBytes(), System.currentTimeMillis());
        if (msg.qosLevel() == MqttQoS.AT_MOST_ONCE) {
            return previousAck;
        }
        // Wait for the previous ack, then report this publish's own outcome.
        Future<Void> inOrder = previousAck.transform(prev -> outcome);
        inOrder.onComplete(
                ar -> {
                    if (ar.succeeded()) {
                        msg.ack();
                    } else {
                        refuse(endpoint, msg, ar.cause());
                    }
                });
        return inOrder.otherwiseEmpty();
    }

    private static void refuse(MqttEndpoint endpoint, MqttPublishMessage msg, Throwable cause) {
        if (!endpoint.isConnected()) {
            return;
        }
        if (endpoint.protocolVersion() == MQTT_5 && msg.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            endpoint.publishAcknowledge(
                    msg.messageId(),
                    MqttPubAckReasonCode.QUOTA_EXCEEDED,
                    MqttProperties.NO_PROPERTIES);
        } else {
            LOG.warn(
                    "closing {}: could not forward message {} ({}); the client will resend",
                    endpoint.clientIdentifier(),
                    msg.messageId(),
                    cause.getMessage());
            endpoint.close();
        }
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
