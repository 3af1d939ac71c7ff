package io.fieldline.api.web;

import io.fieldline.api.model.AggregateJson;
import io.fieldline.api.model.DeviceJson;
import io.fieldline.api.view.DeviceStatus;
import io.fieldline.api.view.Views;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.Set;

/** The fleet: {@code GET /api/devices}, one device, and its window-aggregate series. */
@Controller("/api/devices")
final class DevicesController {
    private static final Set<String> WINDOW_KINDS = Set.of("tumbling", "sliding", "session");
    private final Views views;

    DevicesController(Views views) {
        this.views = views;
    }

    @Get
    List<DeviceJson> devices() {
        return views.fleet().all().stream().map(this::json).toList();
    }

    @Get("/{id}")
    DeviceJson device(@PathVariable String id) {
        return json(known(id));
    }

    @Get("/{id}/series")
    List<AggregateJson> series(
            @PathVariable String id,
            @QueryValue @Nullable String metric,
            @QueryValue @Nullable String from,
            @QueryValue @Nullable String to,
            @QueryValue @Nullable String window) {
        Long fromMs = Params.time("from", from);
        Long toMs = Params.time("to", to);
        if (fromMs != null && toMs != null && fromMs >= toMs) {
            throw new BadParameterException("to", "to must be after from");
        }
        String windowKind = Params.lower(window);
        if (windowKind != null && !WINDOW_KINDS.contains(windowKind)) {
            throw new BadParameterException(
                    "window", "window must be tumbling, sliding or session, was '" + window + "'");
        }
        known(id);
        return views
                .series()
                .query(
                        id,
                        metric == null || metric.isEmpty() ? null : metric,
                        windowKind,
                        fromMs == null ? Long.MIN_VALUE : fromMs,
                        toMs == null ? Long.MAX_VALUE : toMs)
                .stream()
                .map(AggregateJson::of)
                .toList();
    }

    private DeviceStatus known(String id) {
        Params.id("id", id);
        return views.fleet()
                .get(id)
                .orElseThrow(() -> new NotFoundException("no device '" + id + "'"));
    }

    private DeviceJson json(DeviceStatus s) {
        return DeviceJson.of(s, views.series().metrics(s.deviceId()));
    }
}
