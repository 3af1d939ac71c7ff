package io.fieldline.simulator.net;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import io.fieldline.simulator.serde.PayloadCodec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * An MQTT 5 device connection over the HiveMQ client (the Vert.x client speaks only 3.1.1). Each
 * publish carries the payload's content type, so the gateway need not sniff the format. Results
 * come back on the owning shard's event loop.
 */
public final class HiveMqDeviceLink implements DeviceLink {
    private final Vertx vertx;
    private final String clientId;
    private final String host;
    private final int port;
    private final MqttQos qos;
    private final String localAddress;
    private final String contentType;
    private Mqtt5AsyncClient client;
    private Context context;
    private boolean closing;
    private Runnable lost = () -> {};

    public HiveMqDeviceLink(
            Vertx vertx,
            String clientId,
            String host,
            int port,
            int qos,
            String localAddress,
            PayloadFormat format) {
        this.vertx = vertx;
        this.clientId = clientId;
        this.host = host;
        this.port = port;
        this.qos = qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
        this.localAddress = localAddress;
        this.contentType = new PayloadCodec(format).contentType();
    }

    @Override
    public Future<Void> connect() {
        context = vertx.getOrCreateContext();
        Mqtt5ClientBuilder b =
                Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port);
        if (localAddress != null) {
            b =
                    b.transportConfig()
                            .serverHost(host)
                            .serverPort(port)
                            .localAddress(localAddress)
                            .applyTransportConfig();
        }
        closing = false;
        Mqtt5AsyncClient c =
                b.addDisconnectedListener(
                                d -> {
                                    if (!closing) {
                                        context.runOnContext(v -> lost.run());
                                    }
                                })
                        .buildAsync();
        client = c;
        return Future.fromCompletionStage(c.connectWith().cleanStart(true).send(), context)
                .mapEmpty();
    }

    @Override
    public boolean connected() {
        return client != null && client.getState() == MqttClientState.CONNECTED;
    }

    @Override
    public Future<Void> publish(String topic, byte[] payload) {
        return Future.fromCompletionStage(
                        client.publishWith()
                                .topic(topic)
                                .qos(qos)
                                .contentType(contentType)
                                .payload(payload)
                                .send(),
                        context)
                .compose(
                        r ->
                                r.getError().isPresent()
                                        ? Future.failedFuture(r.getError().get())
                                        : Future.succeededFuture());
    }

    @Override
    public Future<Void> disconnect() {
        closing = true;
        if (!connected()) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(client.disconnect(), context);
    }

    @Override
    public void onLost(Runnable handler) {
        this.lost = handler;
    }
}
