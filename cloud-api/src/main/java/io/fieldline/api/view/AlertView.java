package io.fieldline.api.view;

import io.fieldline.proto.Alert;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The most recent alerts, deduplicated by their deterministic {@code alert_id} and bounded by count
 * and by age relative to the newest event time seen. Thread-safe: one writer (the Kafka loader),
 * many readers (HTTP requests).
 */
public final class AlertView {
    private final int maxAlerts;
    private final long retentionMs;
    // Arrival order, which follows event time closely enough for eviction of the oldest.
    private final LinkedHashMap<String, Alert> byId = new LinkedHashMap<>();
    private long newestEventMs = Long.MIN_VALUE;

    public AlertView(int maxAlerts, long retentionMs) {
        this.maxAlerts = maxAlerts;
        this.retentionMs = retentionMs;
    }

    /** Adds an alert; returns false if an alert with the same id was already held. */
    public synchronized boolean add(Alert alert) {
        if (byId.containsKey(alert.getAlertId())) {
            return false;
        }
        byId.put(alert.getAlertId(), alert);
        newestEventMs = Math.max(newestEventMs, alert.getEventTimeMs());
        evict();
        return true;
    }

    public synchronized List<Alert> query(AlertQuery q) {
        return byId.values().stream()
                .filter(q::matches)
                .sorted(Comparator.comparingLong(Alert::getEventTimeMs).reversed())
                .limit(q.limit())
                .toList();
    }

    public synchronized int size() {
        return byId.size();
    }

    private void evict() {
        long cutoff = newestEventMs - retentionMs;
        Iterator<Alert> it = byId.values().iterator();
        while (it.hasNext()) {
            Alert eldest = it.next();
            if (byId.size() > maxAlerts || eldest.getEventTimeMs() < cutoff) {
                it.remove();
            } else {
                return;
            }
        }
    }
}
