package io.fieldline.gateway.forward;

import io.fieldline.gateway.model.OutboxLoss;
import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.gateway.outbox.LossListener;
import io.fieldline.gateway.outbox.OutboxRecord;
import io.fieldline.gateway.outbox.OverflowPolicy;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attributes every record the outbox refused, shed or dropped to its reason and kind ({@code
 * fieldline_gateway_outbox_lost_total}) and, for raw readings, to its device in the loss ledger;
 * dropped ledger entries are merged back into the ledger instead. A dropped record the drainer had
 * already handed to Kafka may still arrive: when Kafka acknowledges it, the loss is taken back
 * ({@code fieldline_gateway_outbox_delivered_after_drop_total}, and a negative count in the
 * device's current ledger window), so sums over ledger windows stay exact.
 */
public final class OutboxLosses implements LossListener {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxLosses.class);
    // Bounds the heap kept for taking losses back (~100 bytes each); beyond it, the oldest are
    // forgotten and a late delivery is only counted in /metrics.
    private static final int MAX_REMEMBERED = 50_000;

    /** Where losses of readings and displaced ledger entries are accounted per device. */
    public interface Ledger {
        /** {@code count} readings lost (negative: taken back, they reached Kafka after all). */
        void shed(String device, OutboxLoss reason, int count);

        /** Adds ({@code sign} 1) or subtracts ({@code -1}) an entry's counts. */
        void restore(LedgerEntry entry, int sign);
    }

    private record Lost(OutboxLoss reason, String topic, String device, LedgerEntry entry) {}

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> takenBack = new ConcurrentHashMap<>();
    private final TreeMap<Long, Lost> inFlight = new TreeMap<>();
    private volatile Ledger ledger;

    public OutboxLosses(MeterRegistry registry) {
        this.registry = registry;
        for (OutboxLoss r : OutboxLoss.values()) {
            counter(r, "telemetry");
        }
        takenBack(OutboxLoss.OUTBOX_DROPPED_OLDEST, "telemetry");
        takenBack(OutboxLoss.OUTBOX_SHED_DEGRADED, "telemetry");
    }

    private Counter takenBack(OutboxLoss reason, String kind) {
        return takenBack.computeIfAbsent(
                reason.name() + "|" + kind,
                k ->
                        Counter.builder("fieldline.gateway.outbox.delivered.after.drop")
                                .description(
                                        "dropped or shed records Kafka acknowledged after all"
                                                + " (they were in flight), also in lost_total")
                                .tag("reason", reason.name())
                                .tag("kind", kind)
                                .register(registry));
    }

    public void attach(Ledger l) {
        this.ledger = l;
    }

    /** An incoming record the outbox refused or shed (the publish path accounts the ledger). */
    public void incoming(OutboxLoss reason, String topic) {
        counter(reason, kindOf(topic)).increment();
    }

    @Override
    public synchronized void lost(OverflowPolicy policy, OutboxRecord r, boolean handedOut) {
        OutboxLoss reason =
                policy == OverflowPolicy.DROP_OLDEST
                        ? OutboxLoss.OUTBOX_DROPPED_OLDEST
                        : OutboxLoss.OUTBOX_SHED_DEGRADED;
        Lost lost = attribute(reason, Envelope.decode(r.payload()));
        counter(reason, kindOf(lost.topic())).increment();
        account(lost, 1);
        if (handedOut) {
            inFlight.put(r.offset(), lost);
            if (inFlight.size() > MAX_REMEMBERED) {
                inFlight.pollFirstEntry();
            }
        }
    }

    /** Records start-up recovery cut although intact (see {@link DiskOutbox#takeCutOnRecovery}). */
    public synchronized void cutOnRecovery(List<OutboxRecord> records) {
        for (OutboxRecord r : records) {
            Lost lost = attribute(OutboxLoss.OUTBOX_CUT_ON_RECOVERY, Envelope.decode(r.payload()));
            counter(lost.reason(), kindOf(lost.topic())).increment();
            account(lost, 1);
        }
        if (!records.isEmpty()) {
            LOG.warn("event=outbox-recovery-cut attributed={}", records.size());
        }
    }

    @Override
    public synchronized void acknowledgedAfterLoss(long offset) {
        Lost lost = inFlight.remove(offset);
        if (lost != null) {
            takenBack(lost.reason(), kindOf(lost.topic())).increment();
            account(lost, -1);
        }
    }

    private Lost attribute(OutboxLoss reason, Envelope e) {
        try {
            if (Topics.LEDGER.name().equals(e.topic())) {
                return new Lost(reason, e.topic(), e.key(), LedgerEntry.parseFrom(e.value()));
            }
            String device =
                    e.key() != null || !Topics.TELEMETRY.name().equals(e.topic())
                            ? e.key()
                            : Telemetry.parseFrom(e.value()).getDeviceId();
            return new Lost(reason, e.topic(), device, null);
        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            LOG.warn("event=outbox-loss-unattributed topic={} error={}", e.topic(), ex.toString());
            return new Lost(reason, "other", null, null);
        }
    }

    private void account(Lost lost, int sign) {
        Ledger l = ledger;
        if (l == null) {
            return;
        }
        if (lost.entry() != null) {
            l.restore(lost.entry(), sign);
        } else if (Topics.TELEMETRY.name().equals(lost.topic()) && lost.device() != null) {
            l.shed(lost.device(), lost.reason(), sign);
        }
    }

    private Counter counter(OutboxLoss reason, String kind) {
        return counters.computeIfAbsent(
                reason.name() + "|" + kind,
                k ->
                        Counter.builder("fieldline.gateway.outbox.lost")
                                .description(
                                        "records the outbox refused, shed or dropped, by reason"
                                                + " and kind (telemetry: raw readings; ledger:"
                                                + " entries merged back, not lost)")
                                .tag("reason", reason.name())
                                .tag("kind", kind)
                                .register(registry));
    }

    static String kindOf(String topic) {
        if (Topics.TELEMETRY.name().equals(topic)) {
            return "telemetry";
        } else if (Topics.EDGE_AGGREGATES.name().equals(topic)) {
            return "edge_aggregate";
        } else if (Topics.DEAD_LETTER.name().equals(topic)) {
            return "dead_letter";
        } else if (Topics.LEDGER.name().equals(topic)) {
            return "ledger";
        }
        return "other";
    }
}
