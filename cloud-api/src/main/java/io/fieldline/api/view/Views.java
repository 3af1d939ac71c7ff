package io.fieldline.api.view;

import com.google.protobuf.InvalidProtocolBufferException;
import io.fieldline.api.config.ViewLimits;
import io.fieldline.proto.Alert;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.Rule;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All materialised views, fed record by record from the Fieldline topics. New alerts and aggregates
 * (not those replayed at start) are also handed to live listeners.
 */
public final class Views implements RecordSink {
    private static final Logger LOG = LoggerFactory.getLogger(Views.class);

    private final AlertView alerts;
    private final SeriesView series;
    private final LedgerView ledger;
    private final RuleView rules = new RuleView();
    private final FleetView fleet;
    private final List<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();

    public Views(ViewLimits limits) {
        long retentionMs = limits.retention().toMillis();
        this.alerts = new AlertView(limits.maxAlerts(), retentionMs);
        this.series = new SeriesView(limits.maxPointsPerSeries(), retentionMs);
        this.ledger = new LedgerView(limits.maxLedgerPerDevice());
        this.fleet = new FleetView(limits.maxDevices());
    }

    public void addListener(Consumer<LiveEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void accept(String topic, String key, byte[] value, boolean live) {
        records.incrementAndGet();
        try {
            apply(topic, key, value, live);
        } catch (InvalidProtocolBufferException e) {
            undecodable.incrementAndGet();
            LOG.warn("Skipping undecodable record on {} (key {}): {}", topic, key, e.getMessage());
        }
    }

    private void apply(String topic, String key, byte[] value, boolean live)
            throws InvalidProtocolBufferException {
        if (topic.equals(Topics.RULES.name())) {
            if (value == null) {
                rules.remove(key);
            } else {
                rules.put(Topics.RULES.parse(value));
            }
        } else if (value == null) {
            return;
        } else if (topic.equals(Topics.ALERTS.name())) {
            Alert alert = Topics.ALERTS.parse(value);
            fleet.alert(alert).ifPresent(this::forget);
            if (alerts.add(alert) && live) {
                publish(new LiveEvent(LiveEvent.ALERT, alert));
            }
        } else if (topic.equals(Topics.WINDOW_AGGREGATES.name())) {
            WindowAggregate agg = Topics.WINDOW_AGGREGATES.parse(value);
            series.add(agg);
            fleet.seen(agg.getDeviceId(), agg.getWindowEndMs()).ifPresent(this::forget);
            if (live) {
                publish(new LiveEvent(LiveEvent.AGGREGATE, agg));
            }
        } else if (topic.equals(Topics.LEDGER.name())) {
            LedgerEntry entry = Topics.LEDGER.parse(value);
            ledger.add(entry);
            fleet.seen(entry.getDeviceId(), entry.getWindowEndMs()).ifPresent(this::forget);
        }
    }

    /** Applies a rule the API itself just published, so a GET right after the PUT sees it. */
    public void ruleWritten(String ruleId, Optional<Rule> rule) {
        rule.ifPresentOrElse(rules::put, () -> rules.remove(ruleId));
    }

    private void forget(String device) {
        series.forget(device);
        ledger.forget(device);
    }

    private void publish(LiveEvent event) {
        for (Consumer<LiveEvent> l : listeners) {
            l.accept(event);
        }
    }

    public AlertView alerts() {
        return alerts;
    }

    public SeriesView series() {
        return series;
    }

    public LedgerView ledger() {
        return ledger;
    }

    public RuleView rules() {
        return rules;
    }

    public FleetView fleet() {
        return fleet;
    }

    /** Records read so far, including undecodable ones. */
    public long records() {
        return records.get();
    }

    public long undecodable() {
        return undecodable.get();
    }
}
