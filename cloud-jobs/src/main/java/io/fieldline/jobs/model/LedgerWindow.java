package io.fieldline.jobs.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Keyed state of the loss ledger for one device and window: the sequence numbers seen in the cloud
 * and the gateway's counts for the same window, until the window is reported.
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
