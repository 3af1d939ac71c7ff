package io.fieldline.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FleetTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long HORIZON = 20 * 60_000L;

    private static FleetSpec spec(long seed, List<FaultKind> kinds) {
        return new FleetSpec(28, "dev-", seed, 28, 3_600_000L, List.of(), kinds, 0.5, HORIZON, 0);
    }

    /** Every reading of every device over the horizon: "device@time" → metrics (null = silent). */
    private static Map<String, Map<String, Double>> run(Fleet fleet) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        for (DeviceSource d : fleet.devices()) {
            while (d.nextOffsetNanos() < HORIZON * 1_000_000) {
                long t = T0 + d.nextOffsetNanos() / 1_000_000;
                Reading r = d.take(T0);
                out.put(d.deviceId() + "@" + t, r == null ? null : r.metrics());
            }
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalDataAndLabels() {
        List<FaultKind> all = Arrays.asList(FaultKind.values());
        Fleet a = Fleet.create(spec(42, all), T0);
        Fleet b = Fleet.create(spec(42, all), T0);
        Fleet c = Fleet.create(spec(43, all), T0);

        assertThat(a.groundTruth(Long.MAX_VALUE)).isEqualTo(b.groundTruth(Long.MAX_VALUE));
        assertThat(a.groundTruth(Long.MAX_VALUE)).isNotEqualTo(c.groundTruth(Long.MAX_VALUE));
        Map<String, Map<String, Double>> runA = run(a);
        assertThat(runA).hasSize(28 * 20 * 60).isEqualTo(run(b)).isNotEqualTo(run(c));
    }

    @Test
    void everyKindIsPlannedWithinTheHorizon() {
        List<Fault> truth =
                Fleet.create(spec(42, Arrays.asList(FaultKind.values())), T0)
                        .groundTruth(Long.MAX_VALUE);

        assertThat(truth).hasSize(14);
        assertThat(truth.stream().map(Fault::kind).distinct()).hasSize(FaultKind.values().length);
        assertThat(truth)
                .allSatisfy(
                        f -> {
                            assertThat(f.startMs()).isGreaterThanOrEqualTo(T0);
                            assertThat(f.endMs()).isLessThanOrEqualTo(T0 + HORIZON);
                        });
    }

    @Test
    void readingsDifferFromTheCleanRunExactlyInsideTheLabels() {
        List<FaultKind> all = Arrays.asList(FaultKind.values());
        Fleet faulty = Fleet.create(spec(42, all), T0);
        List<Fault> truth = faulty.groundTruth(Long.MAX_VALUE);
        Map<String, Map<String, Double>> dirty = run(faulty);
        Map<String, Map<String, Double>> clean = run(Fleet.create(spec(42, List.of()), T0));

        List<Fault> seen = new ArrayList<>();
        clean.forEach(
                (key, cleanMetrics) -> {
                    String device = key.substring(0, key.indexOf('@'));
                    long t = Long.parseLong(key.substring(key.indexOf('@') + 1));
                    Map<String, Double> d = dirty.get(key);
                    for (String metric : cleanMetrics.keySet()) {
                        Double got = d == null ? null : d.get(metric);
                        if (!cleanMetrics.get(metric).equals(got)) {
                            Fault f = explaining(truth, device, metric, t);
                            assertThat(f).as("unlabelled change %s %s", key, metric).isNotNull();
                            seen.add(f);
                        }
                    }
                });
        assertThat(seen).containsAll(truth);
    }

    // The label covering a changed reading; after a failure the asset stays silent.
    private static Fault explaining(List<Fault> truth, String device, String metric, long t) {
        return truth.stream()
                .filter(f -> f.deviceId().equals(device) && f.concerns(metric))
                .filter(
                        f ->
                                f.activeAt(t)
                                        || (f.kind() == FaultKind.DEGRADATION
                                                && t >= f.failureMs()))
                .findFirst()
                .orElse(null);
    }

    @Test
    void degradationRaisesVibrationTowardsTheFailureThenTheAssetFallsSilent() {
        Fleet fleet = Fleet.create(spec(42, List.of(FaultKind.DEGRADATION)), T0);
        Fault wear = fleet.groundTruth(Long.MAX_VALUE).get(0);
        DeviceSource d =
                fleet.devices().stream()
                        .filter(x -> x.deviceId().equals(wear.deviceId()))
                        .findFirst()
                        .orElseThrow();
        List<Double> beforeStart = new ArrayList<>();
        List<Double> nearFailure = new ArrayList<>();
        Reading afterFailure = new Reading(0, Map.of());
        while (d.nextOffsetNanos() < HORIZON * 1_000_000) {
            long t = T0 + d.nextOffsetNanos() / 1_000_000;
            Reading r = d.take(T0);
            if (t < wear.startMs()) {
                beforeStart.add(r.metrics().get("vibration"));
            } else if (t >= wear.failureMs() - 60_000 && t < wear.failureMs()) {
                nearFailure.add(r.metrics().get("vibration"));
            } else if (t >= wear.failureMs()) {
                afterFailure = r;
            }
        }
        double before = beforeStart.stream().mapToDouble(x -> x).average().orElseThrow();
        double late = nearFailure.stream().mapToDouble(x -> x).average().orElseThrow();
        assertThat(late).isGreaterThan(before + 4);
        assertThat(afterFailure).isNull();
    }
}
