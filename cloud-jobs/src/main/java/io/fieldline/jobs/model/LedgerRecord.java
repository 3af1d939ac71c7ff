package io.fieldline.jobs.model;

import java.util.HashMap;
import java.util.Map;

/**
 * One device's sequence accounting over one window: a gateway's report (input) or the cloud's
 * joined view (output); becomes a protobuf {@code LedgerEntry}.
 */
public class LedgerRecord {
    public boolean fromGateway;
    public String gatewayId;
    public String deviceId;
    public long windowStartMs;
    public long windowEndMs;
    public long received;
    public long forwarded;
    public long filtered;
    public long rejected;
    public long shed;
    public Map<String, Long> droppedByReason = new HashMap<>();
    public long duplicates;
    public long firstSeq;
    public long lastSeq;
    public long expected;
    public long missing;

    /** Cloud view: 1, then one more for each correction of the same window. */
    public int revision = 1;

    /** Cloud view: messages that arrived after the window was first reported. */
    public long late;

    /**
     * Cloud view: messages refused (too old, or stamped too far ahead) while this window was open.
     */
    public long refused;

    public LedgerRecord() {}

    @Override
    public String toString() {
        return String.format(
                "Ledger{%s [%d,%d) r%d received=%d expected=%d missing=%d duplicates=%d shed=%d"
                        + " late=%d refused=%d}",
                deviceId,
                windowStartMs,
                windowEndMs,
                revision,
                received,
                expected,
                missing,
                duplicates,
                shed,
                late,
                refused);
    }
}
