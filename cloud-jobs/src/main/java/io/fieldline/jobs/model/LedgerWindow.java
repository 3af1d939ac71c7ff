package io.fieldline.jobs.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Keyed state of the loss ledger for one device and window: the sequence numbers seen in the cloud
 * and the gateway's counts for the same window; kept after the report so late data corrects it.
 */
public class LedgerWindow {
    public long windowStartMs;
    public long windowEndMs;
    public long[] seqs = new long[8];
    public int seqCount;
    public String gatewayId;
    public boolean hasGateway;
    public long gwReceived;
    public long gwForwarded;
    public long gwFiltered;
    public long gwRejected;
    public long gwShed;
    public Map<String, Long> gwDropped = new HashMap<>();

    /** After the first report: its revision, and the device's last sequence number before it. */
    public int revision;

    public Long previousLastSeq;

    /** Messages that came after the first report, and messages refused while it was open. */
    public long late;

    public long refused;

    public LedgerWindow() {}

    public void addSeq(long seq) {
        if (seqCount == seqs.length) {
            seqs = Arrays.copyOf(seqs, seqCount * 2);
        }
        seqs[seqCount++] = seq;
    }

    public void addGateway(LedgerRecord g) {
        hasGateway = true;
        gatewayId = g.gatewayId;
        gwReceived += g.received;
        gwForwarded += g.forwarded;
        gwFiltered += g.filtered;
        gwRejected += g.rejected;
        gwShed += g.shed;
        g.droppedByReason.forEach((k, v) -> gwDropped.merge(k, v, Long::sum));
    }
}
