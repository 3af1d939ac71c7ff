package io.fieldline.gateway.functions;

import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-device counts of what the gateway did with each reading since the last {@link #drain}, for
 * the {@code LedgerEntry} records on {@code fieldline.ledger}. received, forwarded, rejected and
 * duplicates count readings (a rejected publish counts as one); filtered and dropped_by_reason
 * count measurements (the unit the filters work in). Thread-safe (one lock).
 */
final class DeviceLedger {
    private static final class Counts {
        long received;
        long forwarded;
        long filtered;
        long rejected;
        long duplicates;
        long firstSeq = -1;
        long lastSeq = -1;
        final Map<String, Long> dropped = new HashMap<>();
    }

    private final String gatewayId;
    private Map<String, Counts> devices = new HashMap<>();
    private long windowStartMs;

    DeviceLedger(String gatewayId, long nowMs) {
        this.gatewayId = gatewayId;
        this.windowStartMs = nowMs;
    }

    private Counts of(String device) {
        return devices.computeIfAbsent(device, d -> new Counts());
    }

    synchronized void received(String device, long seq) {
        Counts c = of(device);
        c.received++;
        c.firstSeq = c.firstSeq < 0 ? seq : Math.min(c.firstSeq, seq);
        c.lastSeq = Math.max(c.lastSeq, seq);
    }

    synchronized void forwarded(String device) {
        of(device).forwarded++;
    }

    synchronized void duplicate(String device) {
        of(device).duplicates++;
    }

    synchronized void filtered(String device, String reason, long measurements) {
        Counts c = of(device);
        c.filtered += measurements;
        c.dropped.merge(reason, measurements, Long::sum);
    }

    /** A publish or reading not taken: counted once, by reason. */
    synchronized void rejected(String device, String reason, boolean newReading) {
        Counts c = of(device);
        if (newReading) {
            c.received++;
        }
        c.rejected++;
        c.dropped.merge(reason, 1L, Long::sum);
    }

    /** The entries of the window that ends now (devices with activity only), and a new window. */
    synchronized List<LedgerEntry> drain(long nowMs) {
        List<LedgerEntry> out = new ArrayList<>(devices.size());
        devices.forEach(
                (device, c) ->
                        out.add(
                                LedgerEntry.newBuilder()
                                        .setSource(LedgerSource.GATEWAY)
                                        .setGatewayId(gatewayId)
                                        .setDeviceId(device)
                                        .setWindowStartMs(windowStartMs)
                                        .setWindowEndMs(nowMs)
                                        .setReceived(c.received)
                                        .setForwarded(c.forwarded)
                                        .setFiltered(c.filtered)
                                        .setRejected(c.rejected)
                                        .setDuplicates(c.duplicates)
                                        .setFirstSeq(Math.max(0, c.firstSeq))
                                        .setLastSeq(Math.max(0, c.lastSeq))
                                        .putAllDroppedByReason(c.dropped)
                                        .build()));
        devices = new HashMap<>();
        windowStartMs = nowMs;
        return out;
    }
}
