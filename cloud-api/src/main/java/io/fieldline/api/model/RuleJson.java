package io.fieldline.api.model;

import io.fieldline.proto.Rule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code Rule} in the API, both as {@code PUT} body and in responses. In a request every field is
 * optional except {@code kind}; {@code ruleId}, if given, must equal the id in the path.
 */
@Serdeable
public record RuleJson(
        @Nullable String ruleId,
        @Nullable String deviceGlob,
        @Nullable String metricGlob,
        @Nullable String kind,
        @Nullable Double lower,
        @Nullable Double upper,
        @Nullable String detector,
        @Nullable Map<String, Double> params,
        @Nullable Boolean enabled,
        @Nullable Long updatedMs,
        @Nullable String severity,
        @Nullable Integer patternN,
        @Nullable Integer patternM,
        @Nullable Long patternWithinMs,
        @Nullable String description) {

    public static RuleJson of(Rule r) {
        return new RuleJson(
                r.getRuleId(),
                r.getDeviceGlob(),
                r.getMetricGlob(),
                r.getKind().name(),
                r.hasLower() ? r.getLower() : null,
                r.hasUpper() ? r.getUpper() : null,
                r.getDetector(),
                new TreeMap<>(r.getParamsMap()),
                r.getEnabled(),
                r.getUpdatedMs(),
                r.getSeverity().name(),
                r.getPatternN(),
                r.getPatternM(),
                r.getPatternWithinMs(),
                r.getDescription());
    }
}
