package io.fieldline.jobs;

import io.fieldline.jobs.config.FlinkSettings;
import io.fieldline.jobs.config.JobArgs;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.functions.LateToDeadLetter;
import io.fieldline.jobs.functions.RouteInbound;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.Reading;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Fieldline analytics job: telemetry from Kafka → window aggregates and alerts back to Kafka.
 * {@link #defineWorkflow} is the topology as a function of streams, so tests feed it directly.
 */
public final class TelemetryAnalyticsJob {
    public static final String JOB_NAME = "fieldline-analytics";

    private TelemetryAnalyticsJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig cfg = JobArgs.parse(args);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(cfg));
        build(env, cfg);
        env.execute(JOB_NAME);
    }

    /** Configures {@code env}, adds the job with its Kafka edges and starts it without blocking. */
    public static JobClient start(StreamExecutionEnvironment env, JobConfig cfg) throws Exception {
        build(env, cfg);
        return env.executeAsync(JOB_NAME);
    }

    /**
     * Applies the job's Flink settings to {@code env} and adds the Kafka source, workflow, sinks.
     */
    public static void build(StreamExecutionEnvironment env, JobConfig cfg) {
        configure(env, cfg);
        KafkaEdges.sinks(defineWorkflow(KafkaEdges.sources(env, cfg), cfg), cfg);
    }

    /** Applies the job's state backend, checkpointing and parallelism settings to {@code env}. */
    public static void configure(StreamExecutionEnvironment env, JobConfig cfg) {
        env.configure(FlinkSettings.of(cfg));
        if (cfg.parallelism > 0) {
            env.setParallelism(cfg.parallelism);
        }
    }

    /** {@link #defineWorkflow(Inputs, JobConfig)} on telemetry alone. */
    public static Outputs defineWorkflow(DataStream<Inbound> inbound, JobConfig cfg) {
        return defineWorkflow(Inputs.of(inbound), cfg);
    }

    /** The topology: the job's input streams → its output streams. */
    public static Outputs defineWorkflow(Inputs in, JobConfig cfg) {
        DataStream<Inbound> inbound = in.inbound();
        SingleOutputStreamOperator<Reading> readings =
                inbound.process(new RouteInbound()).name("route-inbound").uid("route-inbound");
        DataStream<Reading> late = readings.getSideOutput(RouteInbound.LATE);
        DataStream<DeadLetterRecord> deadLetters =
                readings.getSideOutput(RouteInbound.DEAD_LETTERS)
                        .union(
                                late.map(new LateToDeadLetter(cfg.telemetryTopic))
                                        .name("late-to-dead-letter"));
        return new Outputs(
                WindowBranch.aggregates(
                        readings.map(Partial::of)
                                .name("reading-to-partial")
                                .union(readings.getSideOutput(RouteInbound.EDGE_AGGREGATES)),
                        cfg),
                AlertBranch.alerts(readings, in.rules(), cfg),
                deadLetters,
                late,
                LedgerBranch.ledger(
                        readings.getSideOutput(RouteInbound.SEQ_MARKS), in.gatewayLedger(), cfg));
    }
}
