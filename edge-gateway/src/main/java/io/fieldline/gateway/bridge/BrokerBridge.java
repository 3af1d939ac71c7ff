package io.fieldline.gateway.bridge;

import io.fieldline.gateway.config.GatewayConfig.BridgeSettings;
import io.fieldline.gateway.functions.PublishHandler;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridge-mode ingress: subscribes to a site's existing broker (Mosquitto, EMQX, ...) with a
 * persistent session (clean session off) and, by default, a shared subscription, and runs each
 * message through the {@link PublishHandler}. A QoS 1 message is acknowledged to the broker only
 * once durable, in arrival order; if the gateway cannot take one, the bridge drops the connection
 * so that the broker redelivers the unacknowledged messages to the session when it reconnects.
 */
public final class BrokerBridge {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerBridge.class);
    private static final long RECONNECT_MS = 1_000;

    private final Vertx vertx;
    private final Context ctx;
    private final BridgeSettings settings;
    private final PublishHandler publishes;
    private final MqttClient client;
    private Future<?> lastAck = Future.succeededFuture();
    private volatile boolean closing;

    private BrokerBridge(Vertx vertx, BridgeSettings settings, PublishHandler publishes) {
        this.vertx = vertx;
        this.ctx = vertx.getOrCreateContext();
        this.settings = settings;
        this.publishes = publishes;
        this.client =
                MqttClient.create(
                        vertx,
                        new MqttClientOptions()
                                .setClientId(settings.clientId())
                                .setCleanSession(false)
                                .setAutoAck(false)
                                .setKeepAliveInterval(30));
        client.publishHandler(this::onMessage);
        client.closeHandler(v -> reconnectLater());
    }

    /** Connects and subscribes; the future fails if the first connection attempt fails. */
    public static Future<BrokerBridge> start(
            Vertx vertx, BridgeSettings settings, PublishHandler publishes) {
        BrokerBridge bridge = new BrokerBridge(vertx, settings, publishes);
        return bridge.connect().map(v -> bridge);
    }

    private Future<Void> connect() {
        return client.connect(settings.port(), settings.host())
                .compose(ack -> client.subscribe(settings.subscription(), 1))
                .onSuccess(
                        id ->
                                LOG.info(
                                        "event=bridge-subscribed broker={}:{} subscription={}",
                                        settings.host(),
                                        settings.port(),
                                        settings.subscription()))
                .mapEmpty();
    }

    private void reconnectLater() {
        lastAck = Future.succeededFuture();
        if (closing) {
            return;
        }
        LOG.warn("event=bridge-disconnected reconnect-in-ms={}", RECONNECT_MS);
        vertx.setTimer(
                RECONNECT_MS,
                id -> {
                    if (!closing) {
                        connect().onFailure(e -> reconnectLater());
                    }
                });
    }

    private void onMessage(MqttPublishMessage msg) {
        Future<Void> outcome =
                publishes.handle(
                        ctx, msg.topicName(), msg.payload().getBytes(), System.currentTimeMillis());
        if (msg.qosLevel() == MqttQoS.AT_MOST_ONCE) {
            return;
        }
        Future<Void> inOrder = lastAck.transform(prev -> outcome);
        inOrder.onComplete(
                ar -> {
                    if (ar.succeeded()) {
                        msg.ack();
                    } else if (client.isConnected()) {
                        LOG.warn(
                                "event=bridge-refused message={} reason=\"{}\"; reconnecting so"
                                        + " the broker redelivers",
                                msg.messageId(),
                                ar.cause().getMessage());
                        client.disconnect();
                    }
                });
        lastAck = inOrder.otherwiseEmpty();
    }

    public boolean connected() {
        return client.isConnected();
    }

    public Future<Void> close() {
        closing = true;
        return client.isConnected() ? client.disconnect() : Future.succeededFuture();
    }
}
