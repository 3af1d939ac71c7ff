package io.fieldline.jobs;

import static io.fieldline.jobs.KafkaFixture.isolatedConfig;
import static io.fieldline.jobs.KafkaFixture.kafka;
import static io.fieldline.jobs.KafkaFixture.parseAggregate;
import static io.fieldline.jobs.KafkaFixture.sendTelemetry;
import static io.fieldline.jobs.TestData.T0;
import static io.fieldline.jobs.TestData.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.WindowAggregate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failure injected after a checkpoint: the job restarts from it, Kafka replays, and the
 * read_committed aggregates contain every window exactly once.
 */
@Timeout(180)
@ExtendWith(KafkaFixture.class)
class FailureRecoveryTest {
    @RegisterExtension static final MiniClusterExtension FLINK = KafkaFixture.miniCluster();

    /** Throws on the first "poison" reading it sees in this JVM, then lets everything pass. */
    static final class FailOnce implements MapFunction<Inbound, Inbound> {
        static final AtomicBoolean FAILED = new AtomicBoolean();

        @Override
        public Inbound map(Inbound in) {
            boolean poison =
                    in.readings != null
                            && in.readings.stream().anyMatch(r -> r.metric.equals("poison"));
            if (poison && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return in;
        }
    }

    @Test
    void failureAfterACheckpointLosesAndDuplicatesNoCommittedAggregate() throws Exception {
        JobConfig cfg =
                isolatedConfig("failure")
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withOutOfOrderness(Duration.ofSeconds(1))
                        .withSlidingWindow(Duration.ZERO, Duration.ZERO)
                        .withSessionGap(Duration.ZERO)
                        .withParallelism(2)
                        .withIdleness(Duration.ofSeconds(1)) // closes the last window, 100 s
                        .build();
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restart.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(restart);
        TelemetryAnalyticsJob.configure(env, cfg);
        Inputs in = KafkaEdges.sources(env, cfg);
        Inputs injected =
                new Inputs(
                        in.inbound().map(new FailOnce()).name("fail-once"),
                        in.rules(),
                        in.gatewayLedger());
        KafkaEdges.sinks(TelemetryAnalyticsJob.defineWorkflow(injected, cfg), cfg);
        JobClient job = env.executeAsync("failure-recovery");
        try {
            sendTelemetry(cfg.telemetryTopic(), seconds(0, 29));
            // Committed aggregates prove that a checkpoint completed after them.
            await().atMost(Duration.ofSeconds(60)).until(() -> temperature(cfg, 2).size() >= 2);

            List<Telemetry> rest = new ArrayList<>(seconds(30, 59));
            rest.add(20, telemetry("pump-f", 1000, 45.5, "poison", 1));
            rest.add(telemetry("pump-f", 2000, 100, "temperature", 0));
            sendTelemetry(cfg.telemetryTopic(), rest);

            await().atMost(Duration.ofSeconds(90)).until(() -> temperature(cfg, 7).size() >= 7);
            assertThat(FailOnce.FAILED).isTrue();
            assertThat(temperature(cfg, 8))
                    .extracting(
                            a ->
                                    (a.getWindowStartMs() - T0) / 1000
                                            + "s r"
                                            + a.getRevision()
                                            + " n="
                                            + a.getCount()
                                            + " sum="
                                            + a.getSum())
                    .containsExactlyInAnyOrder(
                            "0s r1 n=10 sum=45.0",
                            "10s r1 n=10 sum=145.0",
                            "20s r1 n=10 sum=245.0",
                            "30s r1 n=10 sum=345.0",
                            "40s r1 n=10 sum=445.0",
                            "50s r1 n=10 sum=545.0",
                            "100s r1 n=1 sum=0.0");
        } finally {
            job.cancel().get();
        }
    }

    private static List<Telemetry> seconds(int from, int to) {
        List<Telemetry> list = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            list.add(telemetry("pump-f", s, s, "temperature", s));
        }
        return list;
    }

    private static List<WindowAggregate> temperature(JobConfig cfg, int atLeast) {
        return kafka
                .consume(cfg.windowAggregatesTopic(), atLeast, Duration.ofSeconds(2), true)
                .stream()
                .map(r -> parseAggregate(r.value()))
                .filter(a -> a.getMetric().equals("temperature"))
                .toList();
    }
}
