package io.fieldline.simulator.verify;

import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.model.FaultKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores the pipeline's alerts against the ground truth. An alert matches a fault when it is about
 * the same device (and metric, unless the fault concerns the whole device) and its event time lies
 * between the fault's start minus {@code slackMs} and its end plus {@code graceMs}. Precision
 * counts distinct, non-clearing alerts; remaining-life lead time is how long before the failure the
 * first REMAINING_LIFE or TREND alert of a degrading device came.
 */
public final class Scorer {
    private final long slackMs;
    private final long graceMs;

    public Scorer(long slackMs, long graceMs) {
        this.slackMs = slackMs;
        this.graceMs = graceMs;
    }

    public VerifyReport score(
            List<Fault> truth, Collection<Alert> alerts, Collection<LedgerEntry> ledger) {
        List<Alert> distinct = distinct(alerts);
        Set<Alert> matched = new HashSet<>();
        Map<String, List<Fault>> byKind = new LinkedHashMap<>();
        for (FaultKind k : FaultKind.values()) {
            byKind.put(k.label(), new ArrayList<>());
        }
        truth.forEach(f -> byKind.get(f.kind().label()).add(f));
        List<KindScore> kinds = new ArrayList<>();
        byKind.forEach(
                (kind, faults) -> {
                    if (faults.isEmpty()) {
                        return;
                    }
                    int detected = 0;
                    List<Long> delays = new ArrayList<>();
                    for (Fault f : faults) {
                        List<Alert> hits = distinct.stream().filter(a -> matches(f, a)).toList();
                        matched.addAll(hits);
                        if (!hits.isEmpty()) {
                            detected++;
                            long first =
                                    hits.stream()
                                            .mapToLong(Alert::getEventTimeMs)
                                            .min()
                                            .orElseThrow();
                            delays.add(Math.max(0, first - f.startMs()));
                        }
                    }
                    kinds.add(new KindScore(kind, faults.size(), detected, delays));
                });
        return new VerifyReport(
                kinds,
                distinct.size(),
                matched.size(),
                leadTimes(truth, distinct),
                LedgerTotals.of(ledger));
    }

    boolean matches(Fault f, Alert a) {
        boolean metric =
                f.kind().wholeDevice() || a.getMetric().isEmpty() || f.concerns(a.getMetric());
        long t = a.getEventTimeMs();
        return a.getDeviceId().equals(f.deviceId())
                && metric
                && t >= f.startMs() - slackMs
                && t <= f.endMs() + graceMs;
    }

    private static List<Long> leadTimes(List<Fault> truth, List<Alert> alerts) {
        List<Long> leads = new ArrayList<>();
        for (Fault f : truth) {
            if (f.kind() != FaultKind.DEGRADATION) {
                continue;
            }
            alerts.stream()
                    .filter(a -> a.getDeviceId().equals(f.deviceId()))
                    .filter(
                            a ->
                                    a.getKind() == AlertKind.REMAINING_LIFE
                                            || a.getKind() == AlertKind.TREND)
                    .filter(
                            a ->
                                    a.getEventTimeMs() >= f.startMs()
                                            && a.getEventTimeMs() < f.failureMs())
                    .mapToLong(Alert::getEventTimeMs)
                    .min()
                    .ifPresent(first -> leads.add(f.failureMs() - first));
        }
        return leads;
    }

    // Alerts carry deterministic ids: a redelivered alert is the same alert.
    private static List<Alert> distinct(Collection<Alert> alerts) {
        Map<String, Alert> byId = new LinkedHashMap<>();
        for (Alert a : alerts) {
            if (!a.getCleared()) {
                byId.putIfAbsent(a.getAlertId(), a);
            }
        }
        return new ArrayList<>(byId.values());
    }
}
