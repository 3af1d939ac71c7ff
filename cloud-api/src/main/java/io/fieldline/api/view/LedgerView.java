package io.fieldline.api.view;

import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The latest loss-ledger entries per device (gateway and cloud side), bounded per device. */
public final class LedgerView {
    private final int maxPerDevice;
    private final Map<String, Deque<LedgerEntry>> byDevice = new HashMap<>();

    public LedgerView(int maxPerDevice) {
        this.maxPerDevice = maxPerDevice;
    }

    public synchronized void add(LedgerEntry entry) {
        Deque<LedgerEntry> entries =
                byDevice.computeIfAbsent(entry.getDeviceId(), d -> new ArrayDeque<>());
        // A later revision of the same window (late data merged by the job) replaces it.
        for (java.util.Iterator<LedgerEntry> it = entries.iterator(); it.hasNext(); ) {
            LedgerEntry e = it.next();
            if (e.getSource() == entry.getSource()
                            && e.getGatewayId().equals(entry.getGatewayId())
                            && e.getWindowStartMs() == entry.getWindowStartMs()
                    || sameCloudWindow(e, entry)) {
                if (e.getRevision() > entry.getRevision()) {
                    return;
                }
                it.remove();
            }
        }
        entries.addLast(entry);
        while (entries.size() > maxPerDevice) {
            entries.removeFirst();
        }
    }

    private static boolean sameCloudWindow(LedgerEntry a, LedgerEntry b) {
        return a.getSource() == LedgerSource.CLOUD
                && b.getSource() == LedgerSource.CLOUD
                && a.getWindowStartMs() == b.getWindowStartMs();
    }

    /** Entries of one device (or all devices when null), newest window first. */
    public synchronized List<LedgerEntry> query(String device, int limit) {
        Stream<LedgerEntry> entries =
                device == null
                        ? byDevice.values().stream().flatMap(Deque::stream)
                        : byDevice.getOrDefault(device, new ArrayDeque<>()).stream();
        return entries.sorted(
                        Comparator.comparingLong(LedgerEntry::getWindowStartMs)
                                .reversed()
                                .thenComparing(LedgerEntry::getDeviceId))
                .limit(limit)
                .toList();
    }

    public synchronized void forget(String device) {
        byDevice.remove(device);
    }
}
