package io.fieldline.api.model;

import io.fieldline.proto.LedgerEntry;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.TreeMap;

/** A {@code LedgerEntry} as the API returns it. */
@Serdeable
public record LedgerJson(
        String source,
        String gatewayId,
        String deviceId,
        long windowStartMs,
        long windowEndMs,
        long received,
        long forwarded,
        long filtered,
        long rejected,
        long shed,
        Map<String, Long> droppedByReason,
        long duplicates,
        long firstSeq,
        long lastSeq,
        long expected,
        long missing) {

    public static LedgerJson of(LedgerEntry e) {
        return new LedgerJson(
                e.getSource().name(),
                e.getGatewayId(),
                e.getDeviceId(),
                e.getWindowStartMs(),
                e.getWindowEndMs(),
                e.getReceived(),
                e.getForwarded(),
                e.getFiltered(),
                e.getRejected(),
                e.getShed(),
                new TreeMap<>(e.getDroppedByReasonMap()),
                e.getDuplicates(),
                e.getFirstSeq(),
                e.getLastSeq(),
                e.getExpected(),
                e.getMissing());
    }
}
