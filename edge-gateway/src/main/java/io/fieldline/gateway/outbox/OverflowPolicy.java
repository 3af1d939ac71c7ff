package io.fieldline.gateway.outbox;

/** What {@link DiskOutbox#append(byte[], int)} does when the total byte bound is reached. */
public enum OverflowPolicy {
    /** Refuse the new record ({@link AppendResult.Status#REJECTED}); nothing stored is lost. */
    REJECT_NEW,
    /** Delete the oldest segment(s), pending or not, counting every unacknowledged record lost. */
    DROP_OLDEST,
    /**
     * Shed the pending records of the least important priority (highest number) by compacting
     * segments; priority 0 is never shed, an incoming priority-0 record is rejected instead.
     */
    DEGRADE
}
