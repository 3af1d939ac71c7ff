package io.fieldline.simulator.verify;

import java.util.List;

/**
 * How the pipeline did on one fault kind: labels, how many an alert found, and the detection delays
 * (first matching alert's event time minus the fault's start, ms, never negative).
 */
public record KindScore(String kind, int labels, int detected, List<Long> delaysMs) {
    public double recall() {
        return labels == 0 ? 0 : (double) detected / labels;
    }

    public long medianDelayMs() {
        return percentile(delaysMs, 50);
    }

    public long maxDelayMs() {
        return delaysMs.isEmpty() ? 0 : delaysMs.stream().mapToLong(x -> x).max().orElse(0);
    }

    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
