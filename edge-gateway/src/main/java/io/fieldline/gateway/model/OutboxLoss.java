package io.fieldline.gateway.model;

/**
 * Why the disk outbox did not deliver a record: the key in {@code LedgerEntry.dropped_by_reason}
 * and the {@code reason} label of {@code fieldline_gateway_outbox_lost_total}. See OUTBOX.md.
 */
public enum OutboxLoss {
    /**
     * Incoming record refused, outbox at its byte bound (reject-new; degrade when nothing less
     * important is stored). No PUBACK (MQTT 5: 0x97 quota exceeded): the device keeps it. Also
     * counted in {@code rejected}.
     */
    OUTBOX_FULL,
    /** Incoming raw reading shed by degrade (PUBACKed, never stored). Counted in {@code shed}. */
    OUTBOX_SHED_INCOMING,
    /** Stored (PUBACKed, counted forwarded) reading later shed by degrade. In {@code shed}. */
    OUTBOX_SHED_DEGRADED,
    /**
     * Stored (PUBACKed, counted forwarded) reading later deleted by drop-oldest. In {@code shed}.
     */
    OUTBOX_DROPPED_OLDEST,
    /**
     * Stored reading cut at start-up recovery because an earlier frame of its segment was corrupt
     * (its own frame was intact, so it is attributed; counted in {@code shed} of the new process).
     */
    OUTBOX_CUT_ON_RECOVERY
}
