package io.fieldline.jobs.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Parses {@code --key value} job arguments into a {@link JobConfig}, failing fast with a message
 * that names the bad key. Durations accept {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h},
 * {@code 7d} or plain ms.
 */
public final class JobArgs {
    private static final Map<String, BiConsumer<JobConfig.Builder, String>> OPTIONS =
            new LinkedHashMap<>();

    static {
        OPTIONS.put("bootstrap", (c, v) -> c.withBootstrap(v));
        OPTIONS.put("group", (c, v) -> c.withGroupId(v));
        OPTIONS.put("checkpoint-dir", (c, v) -> c.withCheckpointDir(v));
        OPTIONS.put("checkpoint-interval", (c, v) -> c.withCheckpointInterval(duration(v)));
        OPTIONS.put("parallelism", (c, v) -> c.withParallelism(Integer.parseInt(v)));
        OPTIONS.put("state-backend", (c, v) -> c.withStateBackend(oneOf(v, "rocksdb", "hashmap")));
        OPTIONS.put("rocksdb-timers", (c, v) -> c.withRocksDbTimers(oneOf(v, "heap", "rocksdb")));
        OPTIONS.put("bounded", (c, v) -> c.withBounded(bool(v)));
        OPTIONS.put("out-of-orderness", (c, v) -> c.withOutOfOrderness(duration(v)));
        OPTIONS.put("idleness", (c, v) -> c.withIdleness(duration(v)));
        OPTIONS.put("max-lateness", (c, v) -> c.withMaxLateness(duration(v)));
        OPTIONS.put("max-future", (c, v) -> c.withMaxFuture(duration(v)));
        OPTIONS.put("tumbling-window", (c, v) -> c.withTumblingWindow(duration(v)));
        OPTIONS.put("sliding-window", (c, v) -> c.slidingWindow = duration(v));
        OPTIONS.put("sliding-slide", (c, v) -> c.slidingSlide = duration(v));
        OPTIONS.put("session-gap", (c, v) -> c.withSessionGap(duration(v)));
        OPTIONS.put("threshold", (c, v) -> pairs(v, c::withThreshold));
        OPTIONS.put("detector", (c, v) -> c.withDetectorName(v));
        OPTIONS.put("detector-metrics", (c, v) -> c.withDetectorMetrics(v));
        OPTIONS.put("detector-param", (c, v) -> pairs(v, c::withDetectorParam));
        OPTIONS.put("health-metric", (c, v) -> c.withHealthMetric(v));
        OPTIONS.put("failure-level", (c, v) -> c.withFailureLevel(Double.parseDouble(v)));
        OPTIONS.put("rul-window", (c, v) -> c.withRulWindow(Integer.parseInt(v)));
        OPTIONS.put("rul-horizon", (c, v) -> c.withRulHorizon(duration(v)));
        OPTIONS.put("silence-factor", (c, v) -> c.withSilenceFactor(Double.parseDouble(v)));
        OPTIONS.put(
                "silence-min-intervals", (c, v) -> c.withSilenceMinIntervals(Integer.parseInt(v)));
        OPTIONS.put("ledger-window", (c, v) -> c.ledgerWindow = duration(v));
        OPTIONS.put("ledger-grace", (c, v) -> c.ledgerGrace = duration(v));
        OPTIONS.put("device-retention", (c, v) -> c.withDeviceRetention(duration(v)));
        OPTIONS.put("transactional-id-prefix", (c, v) -> c.withTransactionalIdPrefix(v));
        OPTIONS.put("exactly-once-alerts", (c, v) -> c.withExactlyOnceAlerts(bool(v)));
        OPTIONS.put("telemetry-topic", (c, v) -> c.withTelemetryTopic(v));
        OPTIONS.put("edge-aggregates-topic", (c, v) -> c.withEdgeAggregatesTopic(v));
        OPTIONS.put("window-aggregates-topic", (c, v) -> c.withWindowAggregatesTopic(v));
        OPTIONS.put("alerts-topic", (c, v) -> c.withAlertsTopic(v));
        OPTIONS.put("dead-letter-topic", (c, v) -> c.withDeadLetterTopic(v));
        OPTIONS.put("ledger-topic", (c, v) -> c.withLedgerTopic(v));
        OPTIONS.put("rules-topic", (c, v) -> c.withRulesTopic(v));
    }

    private JobArgs() {}

    /** The option names, for usage text. */
    public static Iterable<String> options() {
        return OPTIONS.keySet();
    }

    public static JobConfig parse(String... args) {
        return apply(JobConfig.builder(), args).build(); // validates: names a bad option
    }

    /** Sets the options in {@code args} on {@code cfg} (later ones win); returns {@code cfg}. */
    public static JobConfig.Builder apply(JobConfig.Builder cfg, String... args) {
        for (int i = 0; i < args.length; i += 2) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got '" + arg + "'");
            }
            String key = arg.substring(2);
            BiConsumer<JobConfig.Builder, String> setter = OPTIONS.get(key);
            if (setter == null) {
                throw new IllegalArgumentException(
                        "unknown option --" + key + " (known: " + OPTIONS.keySet() + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option --" + key + " needs a value");
            }
            try {
                setter.accept(cfg, args[i + 1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "bad value for --"
                                + key
                                + ": '"
                                + args[i + 1]
                                + "' ("
                                + e.getMessage()
                                + ")",
                        e);
            }
        }
        return cfg;
    }

    /** {@code temperature=80} or {@code temperature=80,pressure=5.5}; the option may repeat. */
    private static void pairs(String value, java.util.function.ObjDoubleConsumer<String> into) {
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected metric=value");
            }
            into.accept(pair.substring(0, eq).trim(), Double.parseDouble(pair.substring(eq + 1)));
        }
    }

    private static boolean bool(String v) {
        return Boolean.parseBoolean(oneOf(v.toLowerCase(java.util.Locale.ROOT), "true", "false"));
    }

    private static String oneOf(String v, String a, String b) {
        if (!v.equals(a) && !v.equals(b)) {
            throw new IllegalArgumentException("expected " + a + " or " + b);
        }
        return v;
    }

    static Duration duration(String v) {
        String s = v.trim().toLowerCase();
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        if (s.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        if (s.endsWith("d")) {
            return Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        if (s.endsWith("h")) {
            return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        return Duration.ofMillis(Long.parseLong(s));
    }
}
