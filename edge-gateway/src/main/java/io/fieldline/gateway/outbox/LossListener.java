package io.fieldline.gateway.outbox;

/**
 * Told about every stored, unacknowledged record the outbox removes to make room (drop-oldest,
 * degrade), so that the caller can attribute the loss to its source. Called with the outbox lock
 * held: implementations must be quick and must not call back into the outbox.
 */
public interface LossListener {
    /** Ignores everything. */
    LossListener NONE =
            new LossListener() {
                @Override
                public void lost(OverflowPolicy policy, OutboxRecord record, boolean handedOut) {}

                @Override
                public void acknowledgedAfterLoss(long offset) {}
            };

    /**
     * {@code record} was removed before Kafka acknowledged it. {@code handedOut}: {@link
     * DiskOutbox#read} had returned it, so it may still be in flight to Kafka and arrive after all
     * (then {@link #acknowledgedAfterLoss} follows with its offset).
     */
    void lost(OverflowPolicy policy, OutboxRecord record, boolean handedOut);

    /** An acknowledgement came for an offset no longer stored (possibly one reported lost). */
    void acknowledgedAfterLoss(long offset);
}
