package io.fieldline.api.web;

import io.fieldline.api.model.AlertJson;
import io.fieldline.api.view.AlertQuery;
import io.fieldline.api.view.Views;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;

/** {@code GET /api/alerts}: recent alerts, newest first, filtered. */
@Controller("/api/alerts")
final class AlertsController {
    private final Views views;

    AlertsController(Views views) {
        this.views = views;
    }

    @Get
    List<AlertJson> alerts(
            @QueryValue @Nullable String device,
            @QueryValue @Nullable String kind,
            @QueryValue @Nullable String severity,
            @QueryValue @Nullable String since,
            @QueryValue @Nullable String limit) {
        AlertQuery q =
                new AlertQuery(
                        device == null || device.isEmpty() ? null : Params.id("device", device),
                        Params.enumValue("kind", kind, AlertKind.class),
                        Params.enumValue("severity", severity, Severity.class),
                        Params.time("since", since),
                        Params.limit(limit));
        return views.alerts().query(q).stream().map(AlertJson::of).toList();
    }
}
