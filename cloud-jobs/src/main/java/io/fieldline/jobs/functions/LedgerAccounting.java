package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.LedgerWindow;
import java.util.Arrays;

/**
 * The loss-ledger arithmetic for one device window, in plain Java. Expected readings come from the
 * sequence range (continuing from the previous window's highest sequence number, so a gap at a
 * window boundary is not lost). Only a window in which the cloud saw nothing of the device falls
 * back to what the gateway says it forwarded: the gateway counts per wall-clock interval and the
 * job per event-time window, so comparing the two counts window by window would report readings as
 * missing that merely fell into the neighbouring window (late, replayed from an outbox, or on a
 * boundary). The gateway's counts are still reported with each entry, to explain gaps.
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
        long fromSeq = 0;
        if (seqs.length > 0) {
            r.firstSeq = seqs[0];
            r.lastSeq = seqs[seqs.length - 1];
            // Continue from the previous window unless the device restarted its numbering.
            long base =
                    previousLastSeq != null && previousLastSeq < r.firstSeq
                            ? previousLastSeq
                            : r.firstSeq - 1;
            fromSeq = r.lastSeq - base;
        }
        if (w.hasGateway) {
            r.gatewayId = w.gatewayId;
            r.forwarded = w.gwForwarded;
            r.filtered = w.gwFiltered;
            r.rejected = w.gwRejected;
            r.shed = w.gwShed;
            r.droppedByReason.putAll(w.gwDropped);
        }
        r.expected = seqs.length > 0 ? fromSeq : r.forwarded;
        r.missing = Math.max(0, r.expected - r.received);
        return r;
    }
}
