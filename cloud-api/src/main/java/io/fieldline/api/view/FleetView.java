package io.fieldline.api.view;

import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per-device status for the fleet overview: when the device was last seen, which alert conditions
 * are open (an alert opens its metric/kind condition, an alert with {@code cleared} closes it) and
 * the latest remaining-life estimate. Bounded by device count: the least recently seen device is
 * evicted first.
 */
public final class FleetView {
    private final int maxDevices;
    private final Map<String, State> devices = new HashMap<>();

    public FleetView(int maxDevices) {
        this.maxDevices = maxDevices;
    }

    /**
     * Records that a device produced data at {@code eventMs}.
     *
     * @return the id of a device evicted to make room, if any
     */
    public synchronized Optional<String> seen(String device, long eventMs) {
        State s = devices.computeIfAbsent(device, d -> new State());
        s.lastSeenMs = Math.max(s.lastSeenMs, eventMs);
        return evictIfFull();
    }

    /** Opens or clears the alert's condition; returns a device evicted to make room, if any. */
    public synchronized Optional<String> alert(Alert alert) {
        State s = devices.computeIfAbsent(alert.getDeviceId(), d -> new State());
        s.lastSeenMs = Math.max(s.lastSeenMs, alert.getEventTimeMs());
        String condition = alert.getMetric() + "/" + alert.getKind();
        Alert current = s.conditions.get(condition);
        // Out-of-order delivery: an older record must not reopen or clear a newer condition,
        // so a cleared condition stays in the map (as its clearing record).
        if (current == null || current.getEventTimeMs() <= alert.getEventTimeMs()) {
            s.conditions.put(condition, alert);
        }
        return evictIfFull();
    }

    public synchronized boolean contains(String device) {
        return devices.containsKey(device);
    }

    public synchronized Optional<DeviceStatus> get(String device) {
        return Optional.ofNullable(devices.get(device)).map(s -> s.status(device));
    }

    /** Every device, sorted by id. */
    public synchronized List<DeviceStatus> all() {
        List<DeviceStatus> out = new ArrayList<>(devices.size());
        new TreeMap<>(devices).forEach((id, s) -> out.add(s.status(id)));
        return out;
    }

    private Optional<String> evictIfFull() {
        if (devices.size() <= maxDevices) {
            return Optional.empty();
        }
        String oldest =
                devices.entrySet().stream()
                        .min(Comparator.comparingLong(e -> e.getValue().lastSeenMs))
                        .orElseThrow()
                        .getKey();
        devices.remove(oldest);
        return Optional.of(oldest);
    }

    private static final class State {
        long lastSeenMs = Long.MIN_VALUE;
        // Latest record per metric/kind condition; open if that record is not a clearing one.
        final Map<String, Alert> conditions = new LinkedHashMap<>();

        DeviceStatus status(String id) {
            List<Alert> openAlerts =
                    conditions.values().stream()
                            .filter(a -> !a.getCleared())
                            .sorted(Comparator.comparingLong(Alert::getEventTimeMs).reversed())
                            .toList();
            Alert life =
                    openAlerts.stream()
                            .filter(a -> a.getKind() == AlertKind.REMAINING_LIFE)
                            .findFirst()
                            .orElse(null);
            return new DeviceStatus(id, lastSeenMs, openAlerts, life);
        }
    }
}
