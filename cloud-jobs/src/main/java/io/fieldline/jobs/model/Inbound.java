package io.fieldline.jobs.model;

/**
 * What the Kafka sources emit: exactly one of a reading, a message's sequence mark (one per
 * message, for the loss ledger), an edge aggregate or a dead letter. A union lets undecodable bytes
 * travel through the source as data (to a side output) instead of failing the job.
 */
public class Inbound {
    public Reading reading;
    public DeadLetterRecord deadLetter;
    public SeqMark seqMark;
    public Partial edge;

    public Inbound() {}

    public static Inbound of(Reading reading) {
        Inbound in = new Inbound();
        in.reading = reading;
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
     * Event time for the watermark generator; dead letters get the smallest timestamp so they never
     * advance the watermark.
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
