package io.fieldline.jobs;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.RuleRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Plugs the Kafka sources in front of the workflow and the Kafka sinks behind it. */
public final class KafkaEdges {
    private KafkaEdges() {}

    /**
     * The job's inputs from Kafka: telemetry and edge aggregates, rules, gateway ledger. No source
     * emits watermarks: every device keeps its own clock ({@code DeviceClock}), so no partition or
     * empty topic can hold event time back or push it ahead.
     */
    public static Inputs sources(StreamExecutionEnvironment env, JobConfig cfg) {
        DataStream<Inbound> telemetry =
                env.fromSource(
                                KafkaConnectors.telemetrySource(cfg),
                                WatermarkStrategy.noWatermarks(),
                                "telemetry-source")
                        .uid("telemetry-source");
        DataStream<Inbound> edge =
                env.fromSource(
                                KafkaConnectors.edgeAggregatesSource(cfg),
                                WatermarkStrategy.noWatermarks(),
                                "edge-aggregates-source")
                        .uid("edge-aggregates-source");
        DataStream<RuleRecord> rules =
                env.fromSource(
                                KafkaConnectors.rulesSource(cfg),
                                WatermarkStrategy.noWatermarks(),
                                "rules-source")
                        .uid("rules-source");
        DataStream<LedgerRecord> gatewayLedger =
                env.fromSource(
                                KafkaConnectors.gatewayLedgerSource(cfg),
                                WatermarkStrategy.noWatermarks(),
                                "gateway-ledger-source")
                        .uid("gateway-ledger-source");
        return Inputs.of(telemetry.union(edge)).withRules(rules).withGatewayLedger(gatewayLedger);
    }

    /** Writes every output of the workflow to its Kafka topic. */
    public static void sinks(Outputs out, JobConfig cfg) {
        out.aggregates()
                .sinkTo(KafkaConnectors.aggregatesSink(cfg))
                .name("window-aggregates-sink")
                .uid("window-aggregates-sink");
        out.alerts().sinkTo(KafkaConnectors.alertsSink(cfg)).name("alerts-sink").uid("alerts-sink");
        out.deadLetters()
                .sinkTo(KafkaConnectors.deadLetterSink(cfg))
                .name("dead-letter-sink")
                .uid("dead-letter-sink");
        out.ledger().sinkTo(KafkaConnectors.ledgerSink(cfg)).name("ledger-sink").uid("ledger-sink");
    }
}
