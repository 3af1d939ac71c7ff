package io.fieldline.api.web;

import io.fieldline.api.model.RuleJson;
import io.fieldline.proto.Rule;
import io.fieldline.proto.RuleKind;
import io.fieldline.proto.Severity;

/** Validates a {@code PUT /api/rules/{id}} body and builds the {@code Rule} to publish. */
final class RuleRequests {
    private RuleRequests() {}

    static Rule toRule(String id, RuleJson body, long nowMs) {
        if (body.ruleId() != null && !body.ruleId().isEmpty() && !body.ruleId().equals(id)) {
            throw new BadParameterException(
                    "ruleId",
                    "ruleId '" + body.ruleId() + "' differs from the path id '" + id + "'");
        }
        RuleKind kind = kind(body.kind());
        Rule.Builder b =
                Rule.newBuilder()
                        .setRuleId(id)
                        .setDeviceGlob(glob("deviceGlob", body.deviceGlob()))
                        .setMetricGlob(glob("metricGlob", body.metricGlob()))
                        .setKind(kind)
                        .setEnabled(body.enabled() == null || body.enabled())
                        .setUpdatedMs(nowMs)
                        .setSeverity(severity(body.severity()))
                        .setDescription(orEmpty(body.description()))
                        .setDetector(orEmpty(body.detector()));
        if (body.lower() != null) {
            b.setLower(finite("lower", body.lower()));
        }
        if (body.upper() != null) {
            b.setUpper(finite("upper", body.upper()));
        }
        if (body.params() != null) {
            body.params().forEach((k, v) -> b.putParams(k, finite("params." + k, v)));
        }
        switch (kind) {
            case RULE_THRESHOLD -> threshold(b);
            case RULE_DETECTOR -> {
                if (b.getDetector().isEmpty()) {
                    throw new BadParameterException("detector", "a detector rule needs detector");
                }
            }
            case RULE_PATTERN -> pattern(b, body);
            default -> throw new IllegalStateException("unreachable: " + kind);
        }
        return b.build();
    }

    private static void threshold(Rule.Builder b) {
        if (!b.hasLower() && !b.hasUpper()) {
            throw new BadParameterException("upper", "a threshold rule needs lower or upper");
        }
        if (b.hasLower() && b.hasUpper() && b.getLower() > b.getUpper()) {
            throw new BadParameterException("lower", "lower must not exceed upper");
        }
    }

    private static void pattern(Rule.Builder b, RuleJson body) {
        int n = body.patternN() == null ? 0 : body.patternN();
        int m = body.patternM() == null ? 0 : body.patternM();
        long within = body.patternWithinMs() == null ? 0 : body.patternWithinMs();
        if (n < 1) {
            throw new BadParameterException("patternN", "patternN must be >= 1");
        }
        if (m < n) {
            throw new BadParameterException("patternM", "patternM must be >= patternN");
        }
        if (within < 0) {
            throw new BadParameterException("patternWithinMs", "patternWithinMs must be >= 0");
        }
        if (!b.hasUpper()) {
            throw new BadParameterException("upper", "a pattern rule needs upper");
        }
        b.setPatternN(n).setPatternM(m).setPatternWithinMs(within);
    }

    private static RuleKind kind(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new BadParameterException(
                    "kind", "kind is required: RULE_THRESHOLD, RULE_DETECTOR or RULE_PATTERN");
        }
        String normalised = raw.toUpperCase(java.util.Locale.ROOT);
        return Params.enumValue(
                "kind",
                normalised.startsWith("RULE_") ? normalised : "RULE_" + normalised,
                RuleKind.class);
    }

    private static Severity severity(String raw) {
        Severity s = Params.enumValue("severity", raw, Severity.class);
        return s == null ? Severity.WARNING : s;
    }

    private static String glob(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return "*";
        }
        if (raw.length() > 256 || raw.chars().anyMatch(Character::isWhitespace)) {
            throw new BadParameterException(
                    name, name + " must be at most 256 characters without spaces");
        }
        return raw;
    }

    private static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new BadParameterException(name, name + " must be a finite number");
        }
        return v;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
