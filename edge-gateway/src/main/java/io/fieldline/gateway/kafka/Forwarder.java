package io.fieldline.gateway.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;

/**
 * Where the publish path hands a record: straight to Kafka ({@link RecordSink}) or to the disk
 * outbox ({@code forward.OutboxForwarder}). The future succeeds when a QoS 1 publish may be
 * acknowledged and completes on {@code ctx}.
 */
public interface Forwarder {
    Future<Void> send(Context ctx, String topic, String key, byte[] value);

    /**
     * As {@link #send(Context, String, String, byte[])}, with the outbox priority of a raw reading
     * (1 = shed last .. 127 = shed first under degrade); forwarders without an outbox ignore it.
     */
    default Future<Void> send(Context ctx, String topic, String key, byte[] value, int priority) {
        return send(ctx, topic, key, value);
    }
}
