package io.fieldline.simulator.verify;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The verification verdict: recall and detection delay per fault kind, precision over all alerts,
 * remaining-life lead times before failure, and end-to-end loss and duplication.
 */
public record VerifyReport(
        List<KindScore> kinds,
        int alerts,
        int matchedAlerts,
        List<Long> leadTimesMs,
        LedgerTotals ledger) {

    public double precision() {
        return alerts == 0 ? 0 : (double) matchedAlerts / alerts;
    }

    public double recall() {
        int labels = kinds.stream().mapToInt(KindScore::labels).sum();
        int found = kinds.stream().mapToInt(KindScore::detected).sum();
        return labels == 0 ? 0 : (double) found / labels;
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "fieldline verify: %d alerts, %d match a fault: precision %.3f, recall %.3f%n",
                        alerts,
                        matchedAlerts,
                        precision(),
                        recall()));
        for (KindScore k : kinds) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "  %-12s %3d/%-3d found (recall %.2f), delay median %d ms, max %d ms%n",
                            k.kind(),
                            k.detected(),
                            k.labels(),
                            k.recall(),
                            k.medianDelayMs(),
                            k.maxDelayMs()));
        }
        b.append(
                String.format(
                        Locale.ROOT,
                        "  remaining-life lead time before failure: %d of degradations, median %d ms,"
                                + " min %d ms%n",
                        leadTimesMs.size(),
                        KindScore.percentile(leadTimesMs, 50),
                        leadTimesMs.stream().mapToLong(x -> x).min().orElse(0)));
        LedgerTotals l = ledger;
        b.append(
                String.format(
                        Locale.ROOT,
                        "  ledger: gateway received %d, forwarded %d, dropped %d; cloud expected %d,"
                                + " missing %d, duplicates %d, late readings merged %d, refused %d",
                        l.gatewayReceived(),
                        l.gatewayForwarded(),
                        l.gatewayDropped(),
                        l.cloudExpected(),
                        l.cloudMissing(),
                        l.cloudDuplicates(),
                        l.cloudLate(),
                        l.cloudRefused()));
        return b.toString();
    }

    public String json() {
        String kindsJson =
                kinds.stream()
                        .map(
                                k ->
                                        String.format(
                                                Locale.ROOT,
                                                "\"%s\":{\"labels\":%d,\"detected\":%d,\"recall\":%.4f,"
                                                        + "\"delay_median_ms\":%d,\"delay_max_ms\":%d}",
                                                k.kind(),
                                                k.labels(),
                                                k.detected(),
                                                k.recall(),
                                                k.medianDelayMs(),
                                                k.maxDelayMs()))
                        .collect(Collectors.joining(","));
        LedgerTotals l = ledger;
        return String.format(
                Locale.ROOT,
                "{\"alerts\":%d,\"matched_alerts\":%d,\"precision\":%.4f,\"recall\":%.4f,"
                        + "\"kinds\":{%s},\"lead_times_ms\":%s,\"ledger\":{\"gateway_received\":%d,"
                        + "\"gateway_forwarded\":%d,\"gateway_dropped\":%d,\"cloud_expected\":%d,"
                        + "\"cloud_missing\":%d,\"cloud_duplicates\":%d,\"cloud_late\":%d,"
                        + "\"cloud_refused\":%d}}",
                alerts,
                matchedAlerts,
                precision(),
                recall(),
                kindsJson,
                leadTimesMs,
                l.gatewayReceived(),
                l.gatewayForwarded(),
                l.gatewayDropped(),
                l.cloudExpected(),
                l.cloudMissing(),
                l.cloudDuplicates(),
                l.cloudLate(),
                l.cloudRefused());
    }
}
