package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.Reading;
import io.fieldline.proto.EdgeAggregate;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;

/**
 * Dead letters for data the device clock refuses: older than the lateness bound ({@code TOO_OLD})
 * or stamped too far ahead of the job's clock ({@code FUTURE_TIMESTAMP}). The payload rebuilds the
 * protobuf the data came as, so the dead-letter topic can be replayed.
 */
final class Refusals {
    static final String TOO_OLD = "TOO_OLD";
    static final String FUTURE = "FUTURE_TIMESTAMP";
    static final String INVALID = "INVALID_TIMESTAMP";

    private Refusals() {}

    static DeadLetterRecord of(Reading r, String code, String reason, String topic) {
        byte[] payload =
                Telemetry.newBuilder()
                        .setDeviceId(r.deviceId)
                        .setEventTimeMs(r.eventTimeMs)
                        .setSeq(r.seq)
                        .setGatewayId(r.gatewayId == null ? "" : r.gatewayId)
                        .setReceiveTimeMs(r.receiveTimeMs)
                        .addMeasurements(
                                Measurement.newBuilder().setMetric(r.metric).setValue(r.value))
                        .build()
                        .toByteArray();
        return new DeadLetterRecord(payload, topic, r.deviceId, code, reason, r.receiveTimeMs);
    }

    static DeadLetterRecord of(Partial p, String code, String reason, String topic) {
        byte[] payload =
                EdgeAggregate.newBuilder()
                        .setDeviceId(p.deviceId)
                        .setMetric(p.metric)
                        .setCount(p.stats.count)
                        .setSum(p.stats.sum)
                        .setSumOfSquares(p.stats.sumOfSquares)
                        .setMin(p.stats.min)
                        .setMax(p.stats.max)
                        .setFirstTimeMs(p.stats.firstTimeMs)
                        .setLastTimeMs(p.stats.lastTimeMs)
                        .build()
                        .toByteArray();
        return new DeadLetterRecord(payload, topic, p.deviceId, code, reason, 0);
    }
}
