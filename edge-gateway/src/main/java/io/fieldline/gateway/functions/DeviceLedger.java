package io.fieldline.gateway.functions;

import io.fieldline.gateway.forward.OutboxLosses;
import io.fieldline.gateway.model.OutboxLoss;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-device counts of what the gateway did with each reading since the last {@link #drain}, for
 * the {@code LedgerEntry} records on {@code fieldline.ledger}. received, forwarded, rejected, shed
 * and duplicates count readings (a rejected publish counts as one); filtered and dropped_by_reason
 * count measurements for filter reasons (the unit the filters work in), readings otherwise.
 * Thread-safe (one lock).
 */
final class DeviceLedger implements OutboxLosses.Ledger {
    private static final class Counts {
        long received;
        long forwarded;
        long filtered;
        long rejected;
        long shed;
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

    /**
     * A reading the outbox shed or dropped (counted in {@code shed} and by reason); when it had
     * been stored it was already counted {@code forwarded}, in this or an earlier window.
     */
    synchronized void shed(String device, String reason) {
        shed(device, reason, 1);
    }

    /** As {@link #shed(String, String)}; a negative count takes losses back. */
    @Override
    public void shed(String device, OutboxLoss reason, int count) {
        shed(device, reason.name(), count);
    }

    synchronized void shed(String device, String reason, int count) {
        Counts c = of(device);
        c.shed += count;
        c.dropped.merge(reason, (long) count, Long::sum);
    }

    /**
     * Adds back the counts of an entry that could not be published (refused or dropped by the
     * outbox), so they are reported in the next window instead of being lost.
     */
    synchronized void restore(LedgerEntry e) {
        restore(e, 1);
    }

    /**
     * Adds ({@code sign} 1) or subtracts ({@code -1}: the entry reached Kafka after all) an entry's
     * counts; the sequence range only widens.
     */
    @Override
    public synchronized void restore(LedgerEntry e, int sign) {
        Counts c = of(e.getDeviceId());
        c.received += sign * e.getReceived();
        c.forwarded += sign * e.getForwarded();
        c.filtered += sign * e.getFiltered();
        c.rejected += sign * e.getRejected();
        c.shed += sign * e.getShed();
        c.duplicates += sign * e.getDuplicates();
        if (sign > 0 && e.getReceived() > 0) {
            c.firstSeq = c.firstSeq < 0 ? e.getFirstSeq() : Math.min(c.firstSeq, e.getFirstSeq());
            c.lastSeq = Math.max(c.lastSeq, e.getLastSeq());
        }
        e.getDroppedByReasonMap().forEach((k, v) -> c.dropped.merge(k, sign * v, Long::sum));
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
                                        .setShed(c.shed)
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
