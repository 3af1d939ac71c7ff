package io.fieldline.api.web;

import io.fieldline.api.model.LedgerJson;
import io.fieldline.api.view.Views;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;

/** {@code GET /api/ledger}: loss-ledger entries, newest window first. */
@Controller("/api/ledger")
final class LedgerController {
    private final Views views;

    LedgerController(Views views) {
        this.views = views;
    }

    @Get
    List<LedgerJson> ledger(
            @QueryValue @Nullable String device, @QueryValue @Nullable String limit) {
        String d = device == null || device.isEmpty() ? null : Params.id("device", device);
        return views.ledger().query(d, Params.limit(limit)).stream().map(LedgerJson::of).toList();
    }
}
