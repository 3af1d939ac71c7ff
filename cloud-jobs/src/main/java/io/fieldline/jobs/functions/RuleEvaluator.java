package io.fieldline.jobs.functions;

import io.fieldline.analytics.detect.BaseDetector;
import io.fieldline.analytics.detect.Detectors;
import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.DetectorHolder;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.RuleRecord;
import io.fieldline.jobs.model.RuleState;
import io.fieldline.proto.AlertKind;

/**
 * Applies one rule to one reading, updating that rule's state for the series; returns the alert it
 * raises, or null. Plain Java: the Flink operator only loads and stores the state. Every kind
 * alerts once per episode: a threshold or pattern episode ends when the condition stops holding, a
 * detector's episodes are debounced by its own alert gate.
 */
public final class RuleEvaluator {
    private RuleEvaluator() {}

    public static AlertEvent evaluate(RuleRecord rule, RuleState st, Reading r) {
        switch (rule.kind) {
            case RULE_THRESHOLD:
                return threshold(rule, st, r);
            case RULE_PATTERN:
                return pattern(rule, st, r);
            case RULE_DETECTOR:
                return detector(rule, st, r);
            default:
                return null;
        }
    }

    /** Whether the state holds nothing worth keeping (lets the operator drop it). */
    public static boolean isIdle(RuleState st) {
        return !st.inEpisode && st.ringTimes == null && st.detector == null;
    }

    /** Fails with a readable message if the rule cannot be evaluated (e.g. unknown detector). */
    public static void validate(RuleRecord rule) {
        if (rule.kind == null) {
            throw new IllegalArgumentException("rule " + rule.ruleId + " has no kind");
        }
        switch (rule.kind) {
            case RULE_THRESHOLD -> {
                if (rule.lower == null && rule.upper == null) {
                    throw new IllegalArgumentException("threshold rule without lower or upper");
                }
            }
            case RULE_PATTERN -> {
                if (rule.upper == null || rule.patternN < 1 || rule.patternM < rule.patternN) {
                    throw new IllegalArgumentException("pattern rule needs upper and 1 <= N <= M");
                }
            }
            case RULE_DETECTOR -> Detectors.create(rule.detector, rule.params);
            default -> throw new IllegalArgumentException("unsupported rule kind " + rule.kind);
        }
    }

    private static AlertEvent threshold(RuleRecord rule, RuleState st, Reading r) {
        boolean above = rule.upper != null && r.value > rule.upper;
        boolean below = rule.lower != null && r.value < rule.lower;
        if (!above && !below) {
            st.inEpisode = false;
            return null;
        }
        if (st.inEpisode) {
            return null;
        }
        st.inEpisode = true;
        double limit = above ? rule.upper : rule.lower;
        AlertEvent a = alert(rule, r, AlertKind.THRESHOLD, Math.abs(r.value - limit));
        a.message =
                String.format(
                        "%s of %s is %s, %s the threshold %s",
                        r.metric, r.deviceId, num(r.value), above ? "above" : "below", num(limit));
        a.evidence.put(above ? "upper" : "lower", Double.toString(limit));
        return a;
    }

    private static AlertEvent pattern(RuleRecord rule, RuleState st, Reading r) {
        int count = st.pushAndCount(r.eventTimeMs, r.value > rule.upper, rule.patternWithinMs);
        if (count < rule.patternN) {
            st.inEpisode = false;
            return null;
        }
        if (st.inEpisode) {
            return null;
        }
        st.inEpisode = true;
        AlertEvent a = alert(rule, r, AlertKind.THRESHOLD, count);
        a.message =
                String.format(
                        "%s of %s: %d of the last %d readings above %s within %d ms",
                        r.metric,
                        r.deviceId,
                        count,
                        rule.patternM,
                        rule.upper,
                        rule.patternWithinMs);
        a.evidence.put("pattern", rule.patternN + "/" + rule.patternM);
        return a;
    }

    private static AlertEvent detector(RuleRecord rule, RuleState st, Reading r) {
        if (st.detector == null) {
            st.detector = DetectorHolder.of(Detectors.create(rule.detector, rule.params));
        }
        BaseDetector d = st.detector.get();
        double score = d.update(r.eventTimeMs, r.value);
        if (!d.alert()) {
            return null;
        }
        AlertEvent a = alert(rule, r, AlertKind.ANOMALY, score);
        a.message =
                String.format(
                        "%s of %s: %s is anomalous (%s score %.3f)",
                        r.metric, r.deviceId, num(r.value), rule.detector, score);
        a.evidence.put("detector", rule.detector);
        return a;
    }

    /** A value as an operator reads it: 86.1, not 86.10000000000001 (12 significant digits). */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == Math.rint(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(12))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static AlertEvent alert(RuleRecord rule, Reading r, AlertKind kind, double score) {
        AlertEvent a =
                AlertEvent.create(
                        r.deviceId, r.metric, kind, rule.severity, r.eventTimeMs, rule.ruleId);
        a.value = r.value;
        a.score = score;
        a.readingReceiveTimeMs = r.receiveTimeMs;
        a.evidence.put("seq", Long.toString(r.seq));
        return a;
    }
}
