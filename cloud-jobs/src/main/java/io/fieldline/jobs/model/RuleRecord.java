package io.fieldline.jobs.model;

import io.fieldline.proto.RuleKind;
import io.fieldline.proto.Severity;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A dynamic rule from the compacted {@code fieldline.rules} topic, or one derived from a static
 * {@code --threshold}. {@code deleted} marks a tombstone. Globs use {@code *} and {@code ?}.
 */
public class RuleRecord implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String ruleId;
    public String deviceGlob = "*";
    public String metricGlob = "*";
    public RuleKind kind;
    public Double lower;
    public Double upper;
    public String detector;
    public Map<String, Double> params = new HashMap<>();
    public boolean enabled = true;
    public long updatedMs;
    public Severity severity = Severity.WARNING;
    public int patternN;
    public int patternM;
    public long patternWithinMs;
    public String description;
    public boolean deleted;

    public RuleRecord() {}

    public static RuleRecord threshold(
            String ruleId, String deviceGlob, String metricGlob, double upper) {
        RuleRecord r = new RuleRecord();
        r.ruleId = ruleId;
        r.deviceGlob = deviceGlob;
        r.metricGlob = metricGlob;
        r.kind = RuleKind.RULE_THRESHOLD;
        r.upper = upper;
        return r;
    }

    public static RuleRecord tombstone(String ruleId) {
        RuleRecord r = new RuleRecord();
        r.ruleId = ruleId;
        r.deleted = true;
        return r;
    }

    /**
     * Identifies the rule's settings: keyed state built under another version (e.g. a detector with
     * other parameters) is reset when the rule changes.
     */
    public String version() {
        return kind
                + "|"
                + lower
                + "|"
                + upper
                + "|"
                + detector
                + "|"
                + new java.util.TreeMap<>(params)
                + "|"
                + patternN
                + "|"
                + patternM
                + "|"
                + patternWithinMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleRecord r
                && Objects.equals(ruleId, r.ruleId)
                && Objects.equals(version(), r.version())
                && deleted == r.deleted
                && enabled == r.enabled;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleId, version());
    }

    @Override
    public String toString() {
        return "Rule{"
                + ruleId
                + " "
                + deviceGlob
                + "/"
                + metricGlob
                + " "
                + version()
                + (deleted ? " deleted" : "")
                + "}";
    }
}
