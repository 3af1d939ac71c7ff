package io.fieldline.simulator.verify;

import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * End-to-end loss and duplication from {@code fieldline.ledger}: the latest entry per source,
 * gateway, device and window (later updates of a window replace earlier ones), summed.
 */
public record LedgerTotals(
        long gatewayReceived,
        long gatewayForwarded,
        long gatewayDropped,
        long cloudExpected,
        long cloudMissing,
        long cloudDuplicates) {

    public static LedgerTotals of(Collection<LedgerEntry> entries) {
        Map<String, LedgerEntry> latest = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            latest.put(
                    e.getSource()
                            + "|"
                            + e.getGatewayId()
                            + "|"
                            + e.getDeviceId()
                            + "|"
                            + e.getWindowStartMs(),
                    e);
        }
        long gr = 0, gf = 0, gd = 0, ce = 0, cm = 0, cd = 0;
        for (LedgerEntry e : latest.values()) {
            if (e.getSource() == LedgerSource.GATEWAY) {
                gr += e.getReceived();
                gf += e.getForwarded();
                gd += e.getDroppedByReasonMap().values().stream().mapToLong(x -> x).sum();
            } else if (e.getSource() == LedgerSource.CLOUD) {
                ce += e.getExpected();
                cm += e.getMissing();
                cd += e.getDuplicates();
            }
        }
        return new LedgerTotals(gr, gf, gd, ce, cm, cd);
    }
}
