package io.fieldline.jobs;

import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Reading;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;

/** Named instants and builders for deterministic test input. */
public final class TestData {
    /** A window-aligned instant (multiple of 60 s). */
    public static final long T0 = 1_700_000_040_000L;

    private TestData() {}

    public static long at(double seconds) {
        return T0 + Math.round(seconds * 1000);
    }

    public static Reading reading(String device, String metric, long seq, double sec, double v) {
        return new Reading(device, metric, v, at(sec), seq);
    }

    public static Inbound in(String device, String metric, long seq, double sec, double v) {
        return Inbound.of(reading(device, metric, seq, sec, v));
    }

    public static Inbound garbage(String device) {
        return Inbound.of(
                new DeadLetterRecord(
                        new byte[] {1, 2, 3},
                        "fieldline.telemetry",
                        device,
                        "UNDECODABLE",
                        "x",
                        T0));
    }

    public static Telemetry telemetry(
            String device, long seq, double sec, String metric, double v) {
        return Telemetry.newBuilder()
                .setDeviceId(device)
                .setSeq(seq)
                .setEventTimeMs(at(sec))
                .addMeasurements(Measurement.newBuilder().setMetric(metric).setValue(v))
                .build();
    }
}
