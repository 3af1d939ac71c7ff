package io.fieldline.gateway.functions;

import io.fieldline.gateway.config.GatewayConfig.ValidationSettings;
import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import java.util.Set;

/**
 * Checks a decoded reading against the site's rules: its event time within the allowed skew of the
 * gateway's receive time, and every metric on the allow-list when one is configured.
 */
public final class TelemetryValidator {
    private final long maxSkewMs;
    private final Set<String> allowedMetrics;

    public TelemetryValidator(ValidationSettings settings) {
        this.maxSkewMs = settings.maxClockSkewMs();
        this.allowedMetrics = Set.copyOf(settings.allowedMetrics());
    }

    public void validate(Telemetry.Builder t, long receivedAtMs) throws RejectedReadingException {
        if (maxSkewMs > 0 && Math.abs(t.getEventTimeMs() - receivedAtMs) > maxSkewMs) {
            throw new RejectedReadingException(
                    RejectReason.CLOCK_SKEW,
                    "event time "
                            + t.getEventTimeMs()
                            + " is "
                            + (t.getEventTimeMs() - receivedAtMs)
                            + " ms from the gateway clock; allowed: +-"
                            + maxSkewMs
                            + " ms");
        }
        if (!allowedMetrics.isEmpty()) {
            for (Measurement m : t.getMeasurementsList()) {
                if (!allowedMetrics.contains(m.getMetric())) {
                    throw new RejectedReadingException(
                            RejectReason.UNKNOWN_METRIC,
                            "metric '" + m.getMetric() + "' is not in validation.allowed-metrics");
                }
            }
        }
    }
}
