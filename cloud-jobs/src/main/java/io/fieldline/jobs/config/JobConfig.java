package io.fieldline.jobs.config;

import io.fieldline.jobs.functions.DeviceClock;
import io.fieldline.jobs.functions.DeviceWindows;
import io.fieldline.jobs.model.RuleRecord;
import io.fieldline.proto.RuleKind;
import io.fieldline.proto.Topics;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytics job's settings: immutable, validated once when built (a bad value fails with the
 * option's name), by {@link JobArgs} from the command line or with {@link #builder()} in tests and
 * the local demo. Operators capture the parts they need.
 */
public record JobConfig(
        String bootstrap,
        String groupId,
        String checkpointDir,
        Duration checkpointInterval,
        int parallelism,
        String stateBackend,
        String rocksDbTimers,
        boolean bounded,
        Duration outOfOrderness,
        Duration idleness,
        Duration maxLateness,
        Duration maxFuture,
        Duration tumblingWindow,
        Duration slidingWindow,
        Duration slidingSlide,
        Duration sessionGap,
        double silenceFactor,
        int silenceMinIntervals,
        Duration deviceRetention,
        Duration ledgerWindow,
        Duration ledgerGrace,
        String healthMetric,
        double failureLevel,
        int rulWindow,
        Duration rulHorizon,
        String detector,
        String detectorMetrics,
        Map<String, Double> detectorParams,
        Map<String, Double> thresholds,
        String transactionalIdPrefix,
        boolean exactlyOnceAlerts,
        String telemetryTopic,
        String edgeAggregatesTopic,
        String windowAggregatesTopic,
        String alertsTopic,
        String deadLetterTopic,
        String ledgerTopic,
        String rulesTopic)
        implements Serializable {

    public JobConfig {
        require(bootstrap != null && !bootstrap.isBlank(), "bootstrap", "must not be empty");
        positive("checkpoint-interval", checkpointInterval);
        require(parallelism >= 0, "parallelism", "must be >= 0, got " + parallelism);
        require(
                stateBackend.equals("rocksdb") || stateBackend.equals("hashmap"),
                "state-backend",
                "expected rocksdb or hashmap, got '" + stateBackend + "'");
        require(
                rocksDbTimers.equals("heap") || rocksDbTimers.equals("rocksdb"),
                "rocksdb-timers",
                "expected heap or rocksdb, got '" + rocksDbTimers + "'");
        notNegative("out-of-orderness", outOfOrderness);
        positive("idleness", idleness);
        positive("max-lateness", maxLateness);
        notNegative("max-future", maxFuture);
        positive("tumbling-window", tumblingWindow);
        notNegative("sliding-window", slidingWindow);
        notNegative("session-gap", sessionGap);
        long t = tumblingWindow.toMillis();
        long size = slidingWindow.toMillis();
        long slide = slidingSlide.toMillis();
        require(
                size == 0 || (slide > 0 && size % t == 0 && slide % t == 0 && size % slide == 0),
                "sliding-window",
                slidingWindow
                        + " and sliding-slide "
                        + slidingSlide
                        + " must be multiples of tumbling-window "
                        + tumblingWindow
                        + ", and the window a multiple of the slide");
        require(silenceFactor > 0, "silence-factor", "must be > 0, got " + silenceFactor);
        require(silenceMinIntervals >= 1, "silence-min-intervals", "must be >= 1");
        positive("device-retention", deviceRetention);
        positive("ledger-window", ledgerWindow);
        notNegative("ledger-grace", ledgerGrace);
        require(rulWindow >= 2, "rul-window", "must be >= 2, got " + rulWindow);
        positive("rul-horizon", rulHorizon);
        detectorParams = Collections.unmodifiableMap(new LinkedHashMap<>(detectorParams));
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    private static void require(boolean ok, String option, String message) {
        if (!ok) {
            throw new IllegalArgumentException("--" + option + ": " + message);
        }
    }

    private static void positive(String option, Duration d) {
        require(d != null && !d.isZero() && !d.isNegative(), option, "must be positive, got " + d);
    }

    private static void notNegative(String option, Duration d) {
        require(d != null && !d.isNegative(), option, "must not be negative, got " + d);
    }

    /** The defaults. */
    public static JobConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to derive a changed one. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bootstrap = bootstrap;
        b.groupId = groupId;
        b.checkpointDir = checkpointDir;
        b.checkpointInterval = checkpointInterval;
        b.parallelism = parallelism;
        b.stateBackend = stateBackend;
        b.rocksDbTimers = rocksDbTimers;
        b.bounded = bounded;
        b.outOfOrderness = outOfOrderness;
        b.idleness = idleness;
        b.maxLateness = maxLateness;
        b.maxFuture = maxFuture;
        b.tumblingWindow = tumblingWindow;
        b.slidingWindow = slidingWindow;
        b.slidingSlide = slidingSlide;
        b.sessionGap = sessionGap;
        b.silenceFactor = silenceFactor;
        b.silenceMinIntervals = silenceMinIntervals;
        b.deviceRetention = deviceRetention;
        b.ledgerWindow = ledgerWindow;
        b.ledgerGrace = ledgerGrace;
        b.healthMetric = healthMetric;
        b.failureLevel = failureLevel;
        b.rulWindow = rulWindow;
        b.rulHorizon = rulHorizon;
        b.detector = detector;
        b.detectorMetrics = detectorMetrics;
        b.detectorParams.putAll(detectorParams);
        b.thresholds.putAll(thresholds);
        b.transactionalIdPrefix = transactionalIdPrefix;
        b.exactlyOnceAlerts = exactlyOnceAlerts;
        b.telemetryTopic = telemetryTopic;
        b.edgeAggregatesTopic = edgeAggregatesTopic;
        b.windowAggregatesTopic = windowAggregatesTopic;
        b.alertsTopic = alertsTopic;
        b.deadLetterTopic = deadLetterTopic;
        b.ledgerTopic = ledgerTopic;
        b.rulesTopic = rulesTopic;
        return b;
    }

    /**
     * The {@code --threshold} and {@code --detector} settings as rules ({@code
     * config:threshold:<metric>}).
     */
    public List<RuleRecord> staticRules() {
        List<RuleRecord> rules = new ArrayList<>();
        thresholds.forEach(
                (metric, upper) ->
                        rules.add(
                                RuleRecord.threshold(
                                        "config:threshold:" + metric, "*", metric, upper)));
        if (!detector.isEmpty()) {
            RuleRecord d = new RuleRecord();
            d.ruleId = "config:detector:" + detector;
            d.metricGlob = detectorMetrics;
            d.kind = RuleKind.RULE_DETECTOR;
            d.detector = detector;
            d.params.putAll(detectorParams);
            rules.add(d);
        }
        return rules;
    }

    /** The device clock's bounds. */
    public DeviceClock.Settings clockSettings() {
        return new DeviceClock.Settings(
                outOfOrderness.toMillis(),
                idleness.toMillis(),
                maxLateness.toMillis(),
                maxFuture.toMillis(),
                ledgerWindow.toMillis(),
                ledgerGrace.toMillis(),
                telemetryTopic);
    }

    /** The window sizes (sliding windows are sums of tumbling panes). */
    public DeviceWindows.Settings windowSettings() {
        return new DeviceWindows.Settings(
                tumblingWindow.toMillis(),
                slidingWindow.toMillis(),
                slidingSlide.toMillis(),
                sessionGap.toMillis(),
                maxLateness.toMillis());
    }

    /** Collects settings; {@link #build()} validates them into a {@link JobConfig}. */
    public static final class Builder {
        private String bootstrap = "localhost:9092";
        private String groupId = "fieldline-analytics";
        private String checkpointDir = null;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private int parallelism = 0;
        private String stateBackend = "rocksdb";
        private String rocksDbTimers = "heap";
        private boolean bounded = false;
        private Duration outOfOrderness = Duration.ofSeconds(5);
        private Duration idleness = Duration.ofSeconds(30);
        private Duration maxLateness = Duration.ofDays(7);
        private Duration maxFuture = Duration.ofHours(1);
        private Duration tumblingWindow = Duration.ofSeconds(10);
        Duration slidingWindow = Duration.ofMinutes(5);
        Duration slidingSlide = Duration.ofMinutes(1);
        private Duration sessionGap = Duration.ofMinutes(2);
        private double silenceFactor = 5;
        private int silenceMinIntervals = 3;
        private Duration deviceRetention = Duration.ofHours(24);
        Duration ledgerWindow = Duration.ofMinutes(1);
        Duration ledgerGrace = Duration.ofMinutes(1);
        private String healthMetric = "health";
        private double failureLevel = 0;
        private int rulWindow = 30;
        private Duration rulHorizon = Duration.ofHours(24);
        private String detector = "";
        private String detectorMetrics = "*";
        private final Map<String, Double> detectorParams = new LinkedHashMap<>();
        private final Map<String, Double> thresholds = new LinkedHashMap<>();
        private String transactionalIdPrefix = "fieldline-analytics";
        private boolean exactlyOnceAlerts = false;
        private String telemetryTopic = Topics.TELEMETRY.name();
        private String edgeAggregatesTopic = Topics.EDGE_AGGREGATES.name();
        private String windowAggregatesTopic = Topics.WINDOW_AGGREGATES.name();
        private String alertsTopic = Topics.ALERTS.name();
        private String deadLetterTopic = Topics.DEAD_LETTER.name();
        private String ledgerTopic = Topics.LEDGER.name();
        private String rulesTopic = Topics.RULES.name();

        private Builder() {}

        public JobConfig build() {
            return new JobConfig(
                    bootstrap,
                    groupId,
                    checkpointDir,
                    checkpointInterval,
                    parallelism,
                    stateBackend,
                    rocksDbTimers,
                    bounded,
                    outOfOrderness,
                    idleness,
                    maxLateness,
                    maxFuture,
                    tumblingWindow,
                    slidingWindow,
                    slidingSlide,
                    sessionGap,
                    silenceFactor,
                    silenceMinIntervals,
                    deviceRetention,
                    ledgerWindow,
                    ledgerGrace,
                    healthMetric,
                    failureLevel,
                    rulWindow,
                    rulHorizon,
                    detector,
                    detectorMetrics,
                    detectorParams,
                    thresholds,
                    transactionalIdPrefix,
                    exactlyOnceAlerts,
                    telemetryTopic,
                    edgeAggregatesTopic,
                    windowAggregatesTopic,
                    alertsTopic,
                    deadLetterTopic,
                    ledgerTopic,
                    rulesTopic);
        }

        public Builder withBootstrap(String bootstrap) {
            this.bootstrap = bootstrap;
            return this;
        }

        public Builder withGroupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder withCheckpointDir(String checkpointDir) {
            this.checkpointDir = checkpointDir;
            return this;
        }

        public Builder withCheckpointInterval(Duration checkpointInterval) {
            this.checkpointInterval = checkpointInterval;
            return this;
        }

        public Builder withParallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder withStateBackend(String stateBackend) {
            this.stateBackend = stateBackend;
            return this;
        }

        public Builder withRocksDbTimers(String rocksDbTimers) {
            this.rocksDbTimers = rocksDbTimers;
            return this;
        }

        public Builder withBounded(boolean bounded) {
            this.bounded = bounded;
            return this;
        }

        public Builder withOutOfOrderness(Duration outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
            return this;
        }

        public Builder withIdleness(Duration idleness) {
            this.idleness = idleness;
            return this;
        }

        public Builder withMaxLateness(Duration maxLateness) {
            this.maxLateness = maxLateness;
            return this;
        }

        public Builder withMaxFuture(Duration maxFuture) {
            this.maxFuture = maxFuture;
            return this;
        }

        public Builder withTumblingWindow(Duration tumblingWindow) {
            this.tumblingWindow = tumblingWindow;
            return this;
        }

        public Builder withSessionGap(Duration sessionGap) {
            this.sessionGap = sessionGap;
            return this;
        }

        public Builder withSilenceFactor(double silenceFactor) {
            this.silenceFactor = silenceFactor;
            return this;
        }

        public Builder withSilenceMinIntervals(int silenceMinIntervals) {
            this.silenceMinIntervals = silenceMinIntervals;
            return this;
        }

        public Builder withDeviceRetention(Duration deviceRetention) {
            this.deviceRetention = deviceRetention;
            return this;
        }

        public Builder withHealthMetric(String healthMetric) {
            this.healthMetric = healthMetric;
            return this;
        }

        public Builder withFailureLevel(double failureLevel) {
            this.failureLevel = failureLevel;
            return this;
        }

        public Builder withRulWindow(int rulWindow) {
            this.rulWindow = rulWindow;
            return this;
        }

        public Builder withRulHorizon(Duration rulHorizon) {
            this.rulHorizon = rulHorizon;
            return this;
        }

        public Builder withTransactionalIdPrefix(String transactionalIdPrefix) {
            this.transactionalIdPrefix = transactionalIdPrefix;
            return this;
        }

        public Builder withExactlyOnceAlerts(boolean exactlyOnceAlerts) {
            this.exactlyOnceAlerts = exactlyOnceAlerts;
            return this;
        }

        public Builder withTelemetryTopic(String telemetryTopic) {
            this.telemetryTopic = telemetryTopic;
            return this;
        }

        public Builder withEdgeAggregatesTopic(String edgeAggregatesTopic) {
            this.edgeAggregatesTopic = edgeAggregatesTopic;
            return this;
        }

        public Builder withWindowAggregatesTopic(String windowAggregatesTopic) {
            this.windowAggregatesTopic = windowAggregatesTopic;
            return this;
        }

        public Builder withAlertsTopic(String alertsTopic) {
            this.alertsTopic = alertsTopic;
            return this;
        }

        public Builder withDeadLetterTopic(String deadLetterTopic) {
            this.deadLetterTopic = deadLetterTopic;
            return this;
        }

        public Builder withLedgerTopic(String ledgerTopic) {
            this.ledgerTopic = ledgerTopic;
            return this;
        }

        public Builder withRulesTopic(String rulesTopic) {
            this.rulesTopic = rulesTopic;
            return this;
        }

        /** Sliding window size and slide; a zero size turns sliding windows off. */
        public Builder withSlidingWindow(Duration size, Duration slide) {
            this.slidingWindow = size;
            this.slidingSlide = slide;
            return this;
        }

        /** Loss-ledger window and the grace for the gateway's report. */
        public Builder withLedgerWindow(Duration window, Duration grace) {
            this.ledgerWindow = window;
            this.ledgerGrace = grace;
            return this;
        }

        public Builder withDetector(String name, String metricGlob, Map<String, Double> params) {
            this.detector = name;
            this.detectorMetrics = metricGlob;
            this.detectorParams.putAll(params);
            return this;
        }

        Builder withDetectorName(String name) {
            this.detector = name;
            return this;
        }

        Builder withDetectorMetrics(String glob) {
            this.detectorMetrics = glob;
            return this;
        }

        Builder withDetectorParam(String name, double value) {
            this.detectorParams.put(name, value);
            return this;
        }

        public Builder withThreshold(String metric, double threshold) {
            thresholds.put(metric, threshold);
            return this;
        }

        /** Every topic renamed to {@code prefix + ".telemetry"} etc. (isolated tests, tenants). */
        public Builder withTopicPrefix(String prefix) {
            telemetryTopic = prefix + ".telemetry";
            edgeAggregatesTopic = prefix + ".edge-aggregates";
            windowAggregatesTopic = prefix + ".window-aggregates";
            alertsTopic = prefix + ".alerts";
            deadLetterTopic = prefix + ".dead-letter";
            ledgerTopic = prefix + ".ledger";
            rulesTopic = prefix + ".rules";
            return this;
        }
    }
}
