package io.fieldline.api.model;

import io.fieldline.api.view.DeviceStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One row of the fleet overview.
 *
 * @param remainingLife the latest open remaining-life alert (its {@code value} is the estimate)
 */
@Serdeable
public record DeviceJson(
        String deviceId,
        long lastSeenMs,
        int openAlerts,
        String health,
        List<String> metrics,
        List<AlertJson> open,
        @Nullable AlertJson remainingLife) {

    public static DeviceJson of(DeviceStatus s, List<String> metrics) {
        return new DeviceJson(
                s.deviceId(),
                s.lastSeenMs(),
                s.openAlerts().size(),
                s.health(),
                metrics,
                s.openAlerts().stream().map(AlertJson::of).toList(),
                s.remainingLife() == null ? null : AlertJson.of(s.remainingLife()));
    }
}
