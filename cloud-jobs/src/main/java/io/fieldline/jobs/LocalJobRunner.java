package io.fieldline.jobs;

import io.fieldline.jobs.config.FlinkSettings;
import io.fieldline.jobs.config.JobArgs;
import io.fieldline.jobs.config.JobConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs {@link TelemetryAnalyticsJob} on a local MiniCluster in this JVM with the same arguments as
 * on a cluster ({@code ./fieldline jobs --bootstrap localhost:9092 ...}). Blocks until the job ends
 * (Ctrl-C stops it; with {@code --bounded true} it ends at the topics' current end).
 */
public final class LocalJobRunner {
    private LocalJobRunner() {}

    public static void main(String[] args) throws Exception {
        JobConfig cfg;
        try {
            cfg = JobArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fieldline jobs: " + e.getMessage());
            System.err.println("options: --" + String.join(" --", JobArgs.options()));
            System.exit(2);
            return;
        }
        Configuration conf = FlinkSettings.of(cfg);
        int parallelism =
                cfg.parallelism() > 0
                        ? cfg.parallelism()
                        : Runtime.getRuntime().availableProcessors();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        TelemetryAnalyticsJob.build(env, cfg);
        System.out.printf(
                "fieldline jobs: %s on a local MiniCluster (parallelism %d), Kafka %s%n",
                TelemetryAnalyticsJob.JOB_NAME, parallelism, cfg.bootstrap());
        env.execute(TelemetryAnalyticsJob.JOB_NAME);
    }
}
