package io.fieldline.gateway.outbox;

/**
 * Outcome of an append: the record's offset when stored, or why it was not stored.
 *
 * @param status whether the record was stored
 * @param offset the logical offset of the stored record, -1 when not stored
 */
public record AppendResult(Status status, long offset) {

    /** Whether the record was stored and, if not, why. */
    public enum Status {
        /** Stored; wait for {@link DiskOutbox#durable(long)} before acknowledging upstream. */
        ACCEPTED,
        /** Not stored: the outbox is full (send no PUBACK / MQTT 5 reason 0x97 quota exceeded). */
        REJECTED,
        /** Not stored: under DEGRADE the incoming record was the least important; counted. */
        SHED
    }

    static AppendResult accepted(long offset) {
        return new AppendResult(Status.ACCEPTED, offset);
    }

    static AppendResult refused(Status status) {
        return new AppendResult(status, -1);
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }
}
