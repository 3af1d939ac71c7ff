package io.fieldline.jobs;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.functions.RemainingLifeMonitor;
import io.fieldline.jobs.functions.RuleEngine;
import io.fieldline.jobs.functions.SilenceDetector;
import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.RuleRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The alerting part of the topology, on each device's readings in its own event-time order (from
 * {@code DeviceClock}): silence detection keyed by gateway, rules by device/metric, remaining life
 * by device (one clock subtask owns a device, so each device's order survives the shuffle).
 */
final class AlertBranch {
    private AlertBranch() {}

    /**
     * {@code ordered}: each device's readings in its event-time order; {@code pulses}: one of them
     * per event time (silence needs no more).
     */
    static DataStream<AlertEvent> alerts(
            DataStream<Reading> ordered,
            DataStream<Reading> pulses,
            DataStream<RuleRecord> rules,
            JobConfig cfg) {
        // Re-keyed by gateway: one subtask owns a device, so its order survives the shuffle.
        DataStream<AlertEvent> silence =
                pulses.keyBy(SilenceDetector::gatewayOf, Types.STRING)
                        .process(
                                new SilenceDetector(
                                        cfg.silenceFactor(),
                                        cfg.silenceMinIntervals(),
                                        cfg.deviceRetention().toMillis(),
                                        cfg.idleness().toMillis()))
                        .name("silence-detector")
                        .uid("silence-detector");

        BroadcastStream<RuleRecord> broadcastRules = rules.broadcast(RuleEngine.RULES);
        DataStream<AlertEvent> ruleAlerts =
                ordered.keyBy(Reading::deviceMetric, Types.STRING)
                        .connect(broadcastRules)
                        .process(new RuleEngine(cfg.staticRules()))
                        .name("rule-engine")
                        .uid("rule-engine");
        String health = cfg.healthMetric();
        DataStream<AlertEvent> remainingLife =
                ordered.filter(r -> health.equals(r.metric))
                        .name("health-readings")
                        .keyBy(r -> r.deviceId, Types.STRING)
                        .process(
                                new RemainingLifeMonitor(
                                        cfg.rulWindow(),
                                        cfg.failureLevel(),
                                        cfg.rulHorizon().toMillis()))
                        .name("remaining-life")
                        .uid("remaining-life");
        return ruleAlerts.union(silence, remainingLife);
    }
}
