package io.fieldline.simulator.verify;

import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * End-to-end loss and duplication from {@code fieldline.ledger}: the latest entry per gateway,
 * device and window for gateway reports, and the highest revision per device and window for the
 * cloud's entries (a correction replaces the entry it revises, even once the gateway's id joined
 * it), summed. {@code cloudLate}: messages the job merged after their window was first reported;
 * {@code cloudRefused}: messages it refused as too old or too far in the future.
 */
public record LedgerTotals(
        long gatewayReceived,
        long gatewayForwarded,
        long gatewayDropped,
        long cloudExpected,
        long cloudMissing,
        long cloudDuplicates,
        long cloudLate,
        long cloudRefused) {

    public static LedgerTotals of(Collection<LedgerEntry> entries) {
        Map<String, LedgerEntry> latest = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            boolean cloud = e.getSource() == LedgerSource.CLOUD;
            String key =
                    e.getSource()
                            + "|"
                            + (cloud ? "" : e.getGatewayId())
                            + "|"
                            + e.getDeviceId()
                            + "|"
                            + e.getWindowStartMs();
            latest.merge(key, e, (old, now) -> now.getRevision() >= old.getRevision() ? now : old);
        }
        long gr = 0, gf = 0, gd = 0, ce = 0, cm = 0, cd = 0, cl = 0, cr = 0;
        for (LedgerEntry e : latest.values()) {
            if (e.getSource() == LedgerSource.GATEWAY) {
                gr += e.getReceived();
                gf += e.getForwarded();
                gd += e.getDroppedByReasonMap().values().stream().mapToLong(x -> x).sum();
            } else if (e.getSource() == LedgerSource.CLOUD) {
                ce += e.getExpected();
                cm += e.getMissing();
                cd += e.getDuplicates();
                cl += e.getLate();
                cr += e.getRefused();
            }
        }
        return new LedgerTotals(gr, gf, gd, ce, cm, cd, cl, cr);
    }
}
