package io.fieldline.api.view;

import io.fieldline.proto.LedgerEntry;
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
        entries.addLast(entry);
        while (entries.size() > maxPerDevice) {
            entries.removeFirst();
        }
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
