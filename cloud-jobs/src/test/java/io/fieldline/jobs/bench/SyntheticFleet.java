package io.fieldline.jobs.bench;

import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.SeqMark;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Deterministic fleet telemetry by index: message {@code m} is device {@code m % devices} at tick
 * {@code m / devices}, with its sequence mark and one reading per metric. Temperature crosses 80
 * for one tick in ten per device (phase by device), health declines slowly. With {@code wallClock}
 * the event time is the generation time (paced latency runs).
 */
final class SyntheticFleet implements GeneratorFunction<Long, Inbound> {
    static final String[] METRICS = {"temperature", "vibration", "pressure", "rpm", "health"};
    static final long T0 = 1_700_000_040_000L;

    private final int devices;
    private final long tickMs;
    private final boolean wallClock;

    SyntheticFleet(int devices, long tickMs, boolean wallClock) {
        this.devices = devices;
        this.tickMs = tickMs;
        this.wallClock = wallClock;
    }

    /** Wall-clock time of the first generated record in this JVM (excludes job start-up). */
    static final java.util.concurrent.atomic.AtomicLong FIRST_NANOS =
            new java.util.concurrent.atomic.AtomicLong();

    @Override
    public Inbound map(Long message) {
        FIRST_NANOS.compareAndSet(0, System.nanoTime());
        int device = (int) (message % devices);
        long tick = message / devices;
        long now = System.currentTimeMillis();
        long time = wallClock ? now : T0 + tick * tickMs + (device * tickMs) / devices;
        String id = "dev-" + device;
        List<Reading> readings = new ArrayList<>(METRICS.length);
        for (String metric : METRICS) {
            Reading r = new Reading(id, metric, value(metric, device, tick), time, tick);
            r.receiveTimeMs = now;
            readings.add(r);
        }
        // One record per message, as the job's Kafka deserializer emits them.
        return Inbound.of(new SeqMark(id, tick, time, "gw-" + device % 10), readings);
    }

    static double value(String metric, int device, long tick) {
        switch (metric) {
            case "temperature":
                return (tick + device) % 10 == 0 ? 90 : 60 + (device % 7);
            case "health":
                return 100_000 - tick;
            default:
                return ((tick * 31 + device * 17) % 100) / 10.0;
        }
    }
}
