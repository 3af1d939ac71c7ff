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
}
