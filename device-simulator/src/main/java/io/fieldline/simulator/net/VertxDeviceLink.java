package io.fieldline.simulator.net;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

/**
 * An MQTT 3.1.1 device connection over the Vert.x client. Each (re)connect uses a fresh client,
 * optionally bound to one of several local addresses so that 10,000 connections do not exhaust one
 * address's ephemeral ports.
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
        c.closeHandler(
                v -> {
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
        return client.publish(topic, Buffer.buffer(payload), qos, false, false).mapEmpty();
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
