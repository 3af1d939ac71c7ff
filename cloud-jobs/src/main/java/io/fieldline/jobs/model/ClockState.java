package io.fieldline.jobs.model;

/** One device's event-time clock in {@code DeviceClock}. */
public class ClockState {
    /** Highest event time of a reading that may move the clock (not ahead of a backlog). */
    public long maxEventMs = Long.MIN_VALUE;

    /** Every reading at or before this time has been released in order: the device's clock. */
    public long releasedToMs = Long.MIN_VALUE;

    /** Earliest event time waiting in the buffer ({@link Long#MAX_VALUE}: none). */
    public long minPendingMs = Long.MAX_VALUE;

    /** Processing time of the last arrival, and of the pending idle timer (0: none). */
    public long lastArrivalMs;

    public long idleTimerMs;

    /** Flushed for idleness and nothing has come since. */
    public boolean idleClosed;

    /**
     * Messages already seen, by sequence number: the highest, and a bit per each of the 64 below it
     * (bit i: {@code seqHigh - 1 - i}). A message seen again (a gateway re-sending what Kafka had
     * already stored before a link failed) is dropped; {@code dropSeq} is the sequence number whose
     * readings are being dropped (they follow their message's mark).
     */
    public long seqHigh;

    public long seqSeen;

    /** Event time of the message numbered {@code seqHigh} (tells a restart from a re-send). */
    public long seqHighEventMs;

    public long dropSeq = -1;

    /** Whether the end-of-input timer is registered. */
    public boolean endTimer;

    public ClockState() {}
}
