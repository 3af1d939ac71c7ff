package io.fieldline.simulator.net;

import io.vertx.core.Future;

/** One device's MQTT connection, as the publisher uses it. Called on the owning shard's thread. */
public interface DeviceLink {
    Future<Void> connect();

    boolean connected();

    /** Completes when the broker acknowledged (QoS 1) or the message was written (QoS 0). */
    Future<Void> publish(String topic, byte[] payload);

    Future<Void> disconnect();

    /** Called when the connection drops without {@link #disconnect()}. */
    void onLost(Runnable handler);
}
