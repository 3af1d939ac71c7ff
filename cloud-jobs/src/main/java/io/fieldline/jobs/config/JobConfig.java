package io.fieldline.jobs.config;

import io.fieldline.jobs.model.RuleRecord;
import io.fieldline.proto.RuleKind;
import io.fieldline.proto.Topics;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed settings of the analytics job with their defaults. Built once from the command line by
 * {@link JobArgs} (or fluently in tests and the local demo); operators capture the parts they need.
 */
public class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public String bootstrap = "localhost:9092";
    public String groupId = "fieldline-analytics";
    public String checkpointDir;
    public Duration checkpointInterval = Duration.ofSeconds(10);
    public int parallelism = 0;
    public String stateBackend = "rocksdb";

    /** Where RocksDB keeps timers: {@code heap} (fast) or {@code rocksdb} (scales to many). */
    public String rocksDbTimers = "heap";

    public boolean bounded = false;

    public Duration outOfOrderness = Duration.ofSeconds(5);
    public Duration idleness = Duration.ofSeconds(30);
    public Duration tumblingWindow = Duration.ofSeconds(10);

    /** Sliding window size and slide; a zero size turns sliding windows off. */
    public Duration slidingWindow = Duration.ofMinutes(5);

    public Duration slidingSlide = Duration.ofMinutes(1);

    /** Inactivity gap closing a device's activity session; zero turns sessions off. */
    public Duration sessionGap = Duration.ofMinutes(2);

    /** A device is silent after this many of its usual reporting intervals without data. */
    public double silenceFactor = 5;

    /** Intervals to observe before a device's usual interval is trusted. */
    public int silenceMinIntervals = 3;

    /** A device's silence and ledger state is dropped after this much event time without data. */
    public Duration deviceRetention = Duration.ofHours(24);

    /** Loss-ledger window, and how long after its end to wait for the gateway's report. */
    public Duration ledgerWindow = Duration.ofMinutes(1);

    public Duration ledgerGrace = Duration.ofMinutes(1);

    /** Predictive maintenance: the health metric (high = healthy) and where it fails. */
    public String healthMetric = "health";

    public double failureLevel = 0;

    /** Readings in the remaining-life trend fit, and the horizon that raises the first alert. */
    public int rulWindow = 30;

    public Duration rulHorizon = Duration.ofHours(24);

    /** An analytics detector run on every series whose metric matches {@code detectorMetrics}. */
    public String detector = "";

    public String detectorMetrics = "*";
    public Map<String, Double> detectorParams = new LinkedHashMap<>();

    /** Fixed alert threshold per metric: a reading above it starts a THRESHOLD episode. */
    public Map<String, Double> thresholds = new LinkedHashMap<>();

    public String transactionalIdPrefix = "fieldline-analytics";

    /** At-least-once keeps alert latency low; deterministic alert ids make duplicates harmless. */
    public boolean exactlyOnceAlerts = false;

    public String telemetryTopic = Topics.TELEMETRY.name();
    public String edgeAggregatesTopic = Topics.EDGE_AGGREGATES.name();
    public String windowAggregatesTopic = Topics.WINDOW_AGGREGATES.name();
    public String alertsTopic = Topics.ALERTS.name();
    public String deadLetterTopic = Topics.DEAD_LETTER.name();
    public String ledgerTopic = Topics.LEDGER.name();
    public String rulesTopic = Topics.RULES.name();

    public JobConfig() {}

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

    public JobConfig withBootstrap(String bootstrap) {
        this.bootstrap = bootstrap;
        return this;
    }

    public JobConfig withDetector(String name, String metricGlob, Map<String, Double> params) {
        this.detector = name;
        this.detectorMetrics = metricGlob;
        this.detectorParams.putAll(params);
        return this;
    }

    public JobConfig withThreshold(String metric, double threshold) {
        thresholds.put(metric, threshold);
        return this;
    }

    public JobConfig withTumblingWindow(Duration size) {
        this.tumblingWindow = size;
        return this;
    }

    public JobConfig withSlidingWindow(Duration size, Duration slide) {
        this.slidingWindow = size;
        this.slidingSlide = slide;
        return this;
    }

    public JobConfig withSessionGap(Duration gap) {
        this.sessionGap = gap;
        return this;
    }

    public JobConfig withOutOfOrderness(Duration bound) {
        this.outOfOrderness = bound;
        return this;
    }

    public JobConfig withCheckpointInterval(Duration interval) {
        this.checkpointInterval = interval;
        return this;
    }

    public JobConfig withParallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    public JobConfig withBounded(boolean bounded) {
        this.bounded = bounded;
        return this;
    }
}
