package io.fieldline.gateway.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The filters and forwarding mode for the metrics matching one glob ({@code *} any run of
 * characters, {@code ?} one). A disabled check holds NaN (range, deadband) or 0 (rate, downsample).
 * The first rule whose glob matches a metric applies to it. {@code outboxPriority} (1 = shed last
 * .. 127 = shed first) orders raw readings under the outbox's degrade overflow policy.
 */
public record FilterRule(
        String metricGlob,
        double min,
        double max,
        double deadband,
        double ratePerSecond,
        int burst,
        long downsampleMs,
        Mode mode,
        int outboxPriority) {

    /**
     * Outbox priority of raw readings of metrics no rule sets it for. Under the degrade overflow
     * policy raw readings with the highest number are shed first; 0 (edge aggregates, dead letters,
     * ledger entries) is never shed.
     */
    public static final int DEFAULT_OUTBOX_PRIORITY = 64;

    /** A rule with the default outbox priority. */
    public FilterRule(
            String metricGlob,
            double min,
            double max,
            double deadband,
            double ratePerSecond,
            int burst,
            long downsampleMs,
            Mode mode) {
        this(
                metricGlob,
                min,
                max,
                deadband,
                ratePerSecond,
                burst,
                downsampleMs,
                mode,
                DEFAULT_OUTBOX_PRIORITY);
    }

    /** What happens to a reading that passes the filters. */
    public enum Mode {
        /** Forwarded as telemetry. */
        RAW,
        /** Only folded into the edge aggregate. */
        AGGREGATE,
        /** Both. */
        BOTH
    }

    public boolean matches(String metric) {
        return globPattern(metricGlob).matcher(metric).matches();
    }

    public boolean forwardsRaw() {
        return mode != Mode.AGGREGATE;
    }

    public boolean aggregates() {
        return mode != Mode.RAW;
    }

    /** A rule that lets everything through as raw telemetry. */
    public static FilterRule passThrough() {
        return new FilterRule("*", Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, Mode.RAW);
    }

    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** Parses one item of the {@code filters} list; {@code at} is e.g. {@code filters[2]}. */
    static FilterRule parse(String at, Object item) {
        if (!(item instanceof Map<?, ?> m)) {
            throw ConfigValues.invalid(at, item, "a map with 'metric' and filter keys");
        }
        Map<String, Object> flat = ConfigLoader.flatten(m);
        ConfigValues v = new ConfigValues(flat, Map.of(), at + ".");
        v.markKnown(
                "range.min", "range.max", "deadband", "rate-limit.per-second", "rate-limit.burst");
        String glob = v.nonBlank("metric", "", "a metric glob such as 'temp*'");
        double min = dbl(at, flat, "range.min");
        double max = dbl(at, flat, "range.max");
        if (min > max) {
            throw ConfigValues.invalid(at + ".range", min + ".." + max, "range.min <= range.max");
        }
        double deadband = dbl(at, flat, "deadband");
        if (deadband < 0) {
            throw ConfigValues.invalid(at + ".deadband", deadband, "a number >= 0");
        }
        double rate = Double.isNaN(dbl(at, flat, "rate-limit.per-second")) ? 0 : rateOf(at, flat);
        int burst = (int) (rate == 0 ? 0 : Math.max(1, numberOr(flat, "rate-limit.burst", rate)));
        long downsample = v.number("downsample-ms", 0, 0, 86_400_000L);
        Mode mode = v.enumValue("mode", Mode.RAW);
        int priority = v.integer("outbox-priority", DEFAULT_OUTBOX_PRIORITY, 1, 127);
        v.rejectUnknown();
        return new FilterRule(glob, min, max, deadband, rate, burst, downsample, mode, priority);
    }

    private static double rateOf(String at, Map<String, Object> flat) {
        double r = dbl(at, flat, "rate-limit.per-second");
        if (r <= 0) {
            throw ConfigValues.invalid(at + ".rate-limit.per-second", r, "a number > 0");
        }
        return r;
    }

    private static double numberOr(Map<String, Object> flat, String key, double dflt) {
        Object o = flat.get(key);
        return o instanceof Number n ? n.doubleValue() : dflt;
    }

    private static double dbl(String at, Map<String, Object> flat, String key) {
        Object o = flat.get(key);
        if (o == null) {
            return Double.NaN;
        }
        try {
            double d = o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigValues.invalid(at + "." + key, o, "a finite number");
    }
}
