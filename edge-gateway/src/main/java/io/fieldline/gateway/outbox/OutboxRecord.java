package io.fieldline.gateway.outbox;

/**
 * One stored record as handed to the drainer.
 *
 * @param offset logical offset, strictly increasing in append order
 * @param appendTimeMs wall-clock time of the append
 * @param priority 0 = must keep, higher = shed first under {@link OverflowPolicy#DEGRADE}
 * @param payload the bytes given to append
 */
public record OutboxRecord(long offset, long appendTimeMs, int priority, byte[] payload) {}
