package io.fieldline.jobs.model;

import java.util.List;

/**
 * What the Kafka sources emit: a whole telemetry message (its sequence mark for the loss ledger and
 * its readings, one per measurement), or one of a single reading, a mark alone, an edge aggregate
 * or a dead letter. A union lets undecodable bytes travel through the source as data (to a side
 * output) instead of failing the job. A message travels whole so the device clock handles its
 * measurements at once.
 */
public class Inbound {
    public Reading reading;
    public List<Reading> readings;
    public DeadLetterRecord deadLetter;
    public SeqMark seqMark;
    public Partial edge;

    public Inbound() {}

    public static Inbound of(Reading reading) {
        Inbound in = new Inbound();
        in.reading = reading;
        return in;
    }

    /** A whole message: its mark and its readings (all at the mark's event time). */
    public static Inbound of(SeqMark seqMark, List<Reading> readings) {
        Inbound in = new Inbound();
        in.seqMark = seqMark;
        in.readings = readings;
        return in;
    }

    public static Inbound of(DeadLetterRecord deadLetter) {
        Inbound in = new Inbound();
        in.deadLetter = deadLetter;
        return in;
    }

    public static Inbound of(SeqMark seqMark) {
        Inbound in = new Inbound();
        in.seqMark = seqMark;
        return in;
    }

    public static Inbound of(Partial edge) {
        Inbound in = new Inbound();
        in.edge = edge;
        return in;
    }

    /**
     * Event time of the data (for a message, its mark's); dead letters get the smallest timestamp.
     */
    public long eventTimeMs() {
        if (reading != null) {
            return reading.eventTimeMs;
        }
        if (edge != null) {
            return edge.timeMs;
        }
        return seqMark != null ? seqMark.eventTimeMs : Long.MIN_VALUE;
    }

    /** The device the data belongs to (a dead letter's may be empty). */
    public String deviceId() {
        if (reading != null) {
            return reading.deviceId;
        }
        if (seqMark != null) {
            return seqMark.deviceId;
        }
        if (edge != null) {
            return edge.deviceId;
        }
        return deadLetter == null || deadLetter.deviceId == null ? "" : deadLetter.deviceId;
    }

    @Override
    public String toString() {
        return reading != null ? reading.toString() : String.valueOf(deadLetter);
    }
}
