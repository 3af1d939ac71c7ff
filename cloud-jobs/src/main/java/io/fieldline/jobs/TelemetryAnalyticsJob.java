package io.fieldline.jobs;

import io.fieldline.jobs.config.FlinkSettings;
import io.fieldline.jobs.config.JobArgs;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.functions.DeviceClock;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Reading;
import org.apache.flink.api.common.typeinfo.Types;
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
        if (cfg.parallelism() > 0) {
            env.setParallelism(cfg.parallelism());
        }
    }

    /** {@link #defineWorkflow(Inputs, JobConfig)} on telemetry alone. */
    public static Outputs defineWorkflow(DataStream<Inbound> inbound, JobConfig cfg) {
        return defineWorkflow(Inputs.of(inbound), cfg);
    }

    /** The topology: the job's input streams → its output streams. */
    public static Outputs defineWorkflow(Inputs in, JobConfig cfg) {
        // Keyed straight at the source: any operator in between at another parallelism would
        // rebalance and reorder a device's data before its clock sees it.
        SingleOutputStreamOperator<Reading> ordered =
                in.inbound()
                        .keyBy(Inbound::deviceId, Types.STRING)
                        .process(new DeviceClock(cfg.clockSettings()))
                        .name("device-clock")
                        .uid("device-clock");
        DataStream<DeadLetterRecord> deadLetters = ordered.getSideOutput(DeviceClock.DEAD_LETTERS);
        return new Outputs(
                WindowBranch.aggregates(ordered.getSideOutput(DeviceClock.WINDOWS), cfg),
                AlertBranch.alerts(
                        ordered, ordered.getSideOutput(DeviceClock.PULSE), in.rules(), cfg),
                deadLetters,
                LedgerBranch.ledger(
                        ordered.getSideOutput(DeviceClock.LEDGER), in.gatewayLedger(), cfg));
    }
}
