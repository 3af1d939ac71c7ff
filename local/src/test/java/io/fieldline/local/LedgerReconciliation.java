package io.fieldline.local;

import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import io.fieldline.proto.Telemetry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the job's loss ledger against what is really in {@code fieldline.telemetry}: for every
 * device and every window the job has reported, the readings it counted must be exactly the
 * readings in Kafka with an event time inside that window. Windows the job has not closed yet (the
 * last seconds of a run, behind the devices' clocks) are reported separately, not silently skipped.
 *
 * @param inKafka telemetry records in Kafka
 * @param distinctInKafka distinct (device, sequence number) pairs among them
 * @param inClosedWindows records in Kafka whose event time lies in a window the job reported
 * @param countedByJob the readings the job's ledger says it received, over the same windows
 * @param earliestCoverageEndMs the lowest, over devices, of the end of the device's last window
 */
record LedgerReconciliation(
        long inKafka,
        long distinctInKafka,
        long inClosedWindows,
        long countedByJob,
        long earliestCoverageEndMs) {

    static LedgerReconciliation of(List<Telemetry> telemetry, List<LedgerEntry> ledger) {
        // Latest cloud entry per device and window (an entry is never revised, but be safe).
        Map<String, LedgerEntry> windows = new HashMap<>();
        Map<String, Long> coverageEnd = new HashMap<>();
        for (LedgerEntry e : ledger) {
            if (e.getSource() == LedgerSource.CLOUD) {
                windows.put(key(e.getDeviceId(), e.getWindowStartMs()), e);
                coverageEnd.merge(e.getDeviceId(), e.getWindowEndMs(), Math::max);
            }
        }
        long windowMs =
                windows.values().stream()
                        .mapToLong(e -> e.getWindowEndMs() - e.getWindowStartMs())
                        .findFirst()
                        .orElse(1);
        Set<String> distinct = new HashSet<>();
        long inClosed = 0;
        for (Telemetry t : telemetry) {
            distinct.add(t.getDeviceId() + "#" + t.getSeq());
            long start = t.getEventTimeMs() - Math.floorMod(t.getEventTimeMs(), windowMs);
            if (windows.containsKey(key(t.getDeviceId(), start))) {
                inClosed++;
            }
        }
        long counted = windows.values().stream().mapToLong(LedgerEntry::getReceived).sum();
        long earliestEnd =
                telemetry.stream()
                        .map(Telemetry::getDeviceId)
                        .distinct()
                        .mapToLong(d -> coverageEnd.getOrDefault(d, 0L))
                        .min()
                        .orElse(0);
        return new LedgerReconciliation(
                telemetry.size(), distinct.size(), inClosed, counted, earliestEnd);
    }

    private static String key(String device, long windowStartMs) {
        return device + "@" + windowStartMs;
    }
}
