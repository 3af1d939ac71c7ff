package io.fieldline.simulator.net;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An MQTT 3.1.1 device connection over the Vert.x client. Each (re)connect uses a fresh client,
 * optionally bound to one of several local addresses so that 10,000 connections do not exhaust one
 * address's ephemeral ports. A QoS 1 publish completes when its PUBACK arrives (the client's own
 * publish future only says the packet was written), and fails if the connection closes first: the
 * simulator's "acknowledged" count and latency are the broker's, not the socket's.
 */
public final class VertxDeviceLink implements DeviceLink {
    private final Vertx vertx;
    private final String clientId;
    private final String host;
    private final int port;
    private final MqttQoS qos;
    private final String localAddress;
    private final int maxInflight;
    private MqttClient client;
    private boolean closing;
    private Runnable lost = () -> {};

    /** Packet id → publish awaiting its PUBACK; ids acknowledged before they were registered. */
    private final Map<Integer, Promise<Void>> awaitingAck = new HashMap<>();

    private final Set<Integer> ackedEarly = new HashSet<>();

    public VertxDeviceLink(
            Vertx vertx,
            String clientId,
            String host,
            int port,
            int qos,
            String localAddress,
            int maxInflight) {
        this.vertx = vertx;
        this.clientId = clientId;
        this.host = host;
        this.port = port;
        this.qos = MqttQoS.valueOf(qos);
        this.localAddress = localAddress;
        this.maxInflight = maxInflight;
    }

    @Override
    public Future<Void> connect() {
        MqttClientOptions options =
                new MqttClientOptions()
                        .setClientId(clientId)
                        .setCleanSession(true)
                        .setAutoKeepAlive(true)
                        .setMaxInflightQueue(maxInflight);
        if (localAddress != null) {
            options.setLocalAddress(localAddress);
        }
        closing = false;
        MqttClient c = MqttClient.create(vertx, options);
        client = c;
        c.publishCompletionHandler(this::acked);
        c.publishCompletionExpirationHandler(
                id -> failAck(id, "no PUBACK within the acknowledgement timeout"));
        c.closeHandler(
                v -> {
                    if (client == c) {
                        failAllAcks();
                    }
                    if (!closing && client == c) {
                        lost.run();
                    }
                });
        return c.connect(port, host).mapEmpty();
    }

    @Override
    public boolean connected() {
        return client != null && client.isConnected();
    }

    @Override
    public Future<Void> publish(String topic, byte[] payload) {
        Future<Integer> written = client.publish(topic, Buffer.buffer(payload), qos, false, false);
        if (qos == MqttQoS.AT_MOST_ONCE) {
            return written.mapEmpty();
        }
        return written.compose(this::awaitAck);
    }

    private synchronized Future<Void> awaitAck(int packetId) {
        if (ackedEarly.remove(packetId)) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        awaitingAck.put(packetId, p);
        return p.future();
    }

    private synchronized void acked(int packetId) {
        Promise<Void> p = awaitingAck.remove(packetId);
        if (p != null) {
            p.tryComplete();
        } else {
            ackedEarly.add(packetId);
        }
    }

    private synchronized void failAck(int packetId, String why) {
        Promise<Void> p = awaitingAck.remove(packetId);
        if (p != null) {
            p.tryFail(why);
        }
    }

    private synchronized void failAllAcks() {
        awaitingAck.values().forEach(p -> p.tryFail("connection closed before PUBACK"));
        awaitingAck.clear();
        ackedEarly.clear();
    }

    @Override
    public Future<Void> disconnect() {
        closing = true;
        if (client == null || !client.isConnected()) {
            return Future.succeededFuture();
        }
        return client.disconnect();
    }

    @Override
    public void onLost(Runnable handler) {
        this.lost = handler;
    }
}
