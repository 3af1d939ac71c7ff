package io.fieldline.simulator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses which devices get which fault and when, from the seed alone: a fraction of the fleet gets
 * one fault each, the enabled kinds taken in turn, placed inside the run's horizon. Degradation
 * goes only to assets that wear (pumps, motors, compressors).
 */
public final class FaultPlan {
    private FaultPlan() {}

    public static List<Fault> plan(
            List<String> ids,
            List<AssetType> types,
            long seed,
            long startMs,
            long horizonMs,
            long periodMs,
            List<FaultKind> kinds,
            double fraction) {
        List<Fault> out = new ArrayList<>();
        if (kinds.isEmpty() || horizonMs <= 0 || fraction <= 0) {
            return out;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0xFA017L);
        int[] order = shuffled(ids.size(), random);
        int count = Math.max(1, (int) Math.round(fraction * ids.size()));
        for (int j = 0; j < Math.min(count, ids.size()); j++) {
            int d = order[j];
            FaultKind kind = kinds.get(j % kinds.size());
            if (kind == FaultKind.DEGRADATION && !types.get(d).wears()) {
                kind = kinds.size() > 1 ? kinds.get((j + 1) % kinds.size()) : null;
            }
            if (kind != null) {
                out.add(
                        fault(
                                ids.get(d),
                                types.get(d),
                                kind,
                                startMs,
                                horizonMs,
                                periodMs,
                                random));
            }
        }
        return out;
    }

    private static Fault fault(
            String id,
            AssetType type,
            FaultKind kind,
            long startMs,
            long horizonMs,
            long periodMs,
            SplittableRandom random) {
        if (kind == FaultKind.DEGRADATION) {
            long start = startMs + (long) (horizonMs * (0.05 + 0.1 * random.nextDouble()));
            long failure = startMs + (long) (horizonMs * (0.75 + 0.15 * random.nextDouble()));
            return new Fault(id, Fault.ANY_METRIC, kind, start, failure, failure);
        }
        long start = startMs + (long) (horizonMs * (0.1 + 0.5 * random.nextDouble()));
        long length =
                switch (kind) {
                    case SPIKE -> periodMs;
                    case DROPOUT -> Math.max(5 * periodMs, horizonMs / 12);
                    default -> Math.max(10 * periodMs, horizonMs / 8);
                };
        String metric =
                kind.wholeDevice()
                        ? Fault.ANY_METRIC
                        : type.metrics().get(random.nextInt(type.metrics().size())).name();
        return new Fault(id, metric, kind, start, start + length, 0);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
