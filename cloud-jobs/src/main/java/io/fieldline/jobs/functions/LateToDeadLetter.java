package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Reading;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import org.apache.flink.api.common.functions.MapFunction;

/** A late reading as a dead letter (reason {@code LATE_READING}) so it stays visible downstream. */
public class LateToDeadLetter implements MapFunction<Reading, DeadLetterRecord> {
    private final String sourceTopic;

    public LateToDeadLetter(String sourceTopic) {
        this.sourceTopic = sourceTopic;
    }

    @Override
    public DeadLetterRecord map(Reading r) {
        byte[] payload =
                Telemetry.newBuilder()
                        .setDeviceId(r.deviceId)
                        .setEventTimeMs(r.eventTimeMs)
                        .setSeq(r.seq)
                        .addMeasurements(
                                Measurement.newBuilder().setMetric(r.metric).setValue(r.value))
                        .build()
                        .toByteArray();
        return new DeadLetterRecord(
                payload,
                sourceTopic,
                r.deviceId,
                "LATE_READING",
                "event time " + r.eventTimeMs + " behind the watermark; not in any aggregate",
                r.receiveTimeMs);
    }
}
