package io.fieldline.jobs.config;

import io.fieldline.jobs.functions.DeviceClock;
import io.fieldline.jobs.functions.DeviceWindows;
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

    /** Per device: how far behind its newest reading a reading may arrive and still be in order. */
    public Duration outOfOrderness = Duration.ofSeconds(5);

    /** A device that sends nothing this long (processing time) is flushed; its windows close. */
    public Duration idleness = Duration.ofSeconds(30);

    /**
     * Data older than the device's clock minus this is refused (dead-lettered, counted in the
     * ledger); younger late data corrects its windows. Also how long emitted windows are kept.
     */
    public Duration maxLateness = Duration.ofDays(7);

    /** Data stamped more than this after the job's wall clock is refused; zero turns it off. */
    public Duration maxFuture = Duration.ofHours(1);

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

    /** The device clock's bounds. */
    public DeviceClock.Settings clockSettings() {
        positive("idleness", idleness);
        positive("max-lateness", maxLateness);
        positive("ledger-window", ledgerWindow);
        if (outOfOrderness.isNegative() || maxFuture.isNegative() || ledgerGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "out-of-orderness, max-future and ledger-grace must not be negative");
        }
        return new DeviceClock.Settings(
                outOfOrderness.toMillis(),
                idleness.toMillis(),
                maxLateness.toMillis(),
                maxFuture.toMillis(),
                ledgerWindow.toMillis(),
                ledgerGrace.toMillis(),
                telemetryTopic);
    }

    /**
     * The window sizes; sliding windows are sums of tumbling panes, so their size and slide must
     * be multiples of the tumbling size.
     */
    public DeviceWindows.Settings windowSettings() {
        positive("tumbling-window", tumblingWindow);
        long t = tumblingWindow.toMillis();
        long size = slidingWindow.toMillis();
        long slide = slidingSlide.toMillis();
        if (size > 0 && (slide <= 0 || size % t != 0 || slide % t != 0 || size % slide != 0)) {
            throw new IllegalArgumentException(
                    "sliding-window " + slidingWindow + " and sliding-slide " + slidingSlide
                            + " must be multiples of tumbling-window " + tumblingWindow
                            + ", and the window a multiple of the slide");
        }
        if (sessionGap.isNegative()) {
            throw new IllegalArgumentException("session-gap must not be negative");
        }
        return new DeviceWindows.Settings(
                t, size, slide, sessionGap.toMillis(), maxLateness.toMillis());
    }

    private static void positive(String option, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option + " must be positive, got " + d);
        }
    }

    public JobConfig withMaxLateness(Duration bound) {
        this.maxLateness = bound;
        return this;
    }

    public JobConfig withIdleness(Duration idleness) {
        this.idleness = idleness;
        return this;
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
