package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.LedgerWindow;
import java.util.Arrays;

/**
 * The loss-ledger arithmetic for one device window, in plain Java. Expected readings come from the
 * sequence range alone (continuing from the previous window's highest sequence number, so a gap at
 * a window boundary is not lost). The gateway's counts are reported with each entry, to explain
 * gaps, but never compared with the cloud's window by window: the gateway counts per wall-clock
 * interval and the job per event-time window, so a report lands in a window its readings are not in
 * (late, replayed from an outbox, on a boundary, or a device that went quiet) and would show
 * readings as missing that arrived. A loss after a device's last reading shows in no sequence gap,
 * only in the totals: the gateway's forwarded against the cloud's received.
 */
public final class LedgerAccounting {
    private LedgerAccounting() {}

    /** Reports {@code w}; {@code previousLastSeq} is null for a device's first window. */
    public static LedgerRecord report(String deviceId, LedgerWindow w, Long previousLastSeq) {
        LedgerRecord r = new LedgerRecord();
        r.deviceId = deviceId;
        r.windowStartMs = w.windowStartMs;
        r.windowEndMs = w.windowEndMs;
        long[] seqs = Arrays.copyOf(w.seqs, w.seqCount);
        Arrays.sort(seqs);
        long distinct = 0;
        for (int i = 0; i < seqs.length; i++) {
            if (i == 0 || seqs[i] != seqs[i - 1]) {
                distinct++;
            }
        }
        r.received = distinct;
        r.duplicates = seqs.length - distinct;
        if (seqs.length > 0) {
            r.firstSeq = seqs[0];
            r.lastSeq = seqs[seqs.length - 1];
            // Continue from the previous window unless the device restarted its numbering.
            long base =
                    previousLastSeq != null && previousLastSeq < r.firstSeq
                            ? previousLastSeq
                            : r.firstSeq - 1;
            r.expected = r.lastSeq - base;
        }
        if (w.hasGateway) {
            r.gatewayId = w.gatewayId;
            r.forwarded = w.gwForwarded;
            r.filtered = w.gwFiltered;
            r.rejected = w.gwRejected;
            r.shed = w.gwShed;
            r.droppedByReason.putAll(w.gwDropped);
        }
        r.missing = Math.max(0, r.expected - r.received);
        return r;
    }
}
