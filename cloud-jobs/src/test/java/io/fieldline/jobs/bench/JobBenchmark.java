package io.fieldline.jobs.bench;

import io.fieldline.jobs.Outputs;
import io.fieldline.jobs.TelemetryAnalyticsJob;
import io.fieldline.jobs.config.FlinkSettings;
import io.fieldline.jobs.config.JobArgs;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.proto.AlertKind;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Whole-job benchmark on a local MiniCluster: bounded synthetic input of 1,000 devices × 5 metrics
 * through the complete workflow (windows, rules, silence, remaining life, ledger) into discarding
 * sinks. {@code throughput} runs once with RocksDB and once with heap state at parallelism 1;
 * {@code latency} paces the fleet at one message per device per second and measures reading→alert
 * latency. Run: see cloud-jobs/README.md (Benchmark).
 */
public final class JobBenchmark {
    static final int DEVICES = 1000;
    static final List<Long> LATENCIES_MS = new CopyOnWriteArrayList<>();
    static final java.util.concurrent.atomic.AtomicLong WARMUP_END_MS =
            new java.util.concurrent.atomic.AtomicLong();

    private static String[] extra = new String[0];

    private JobBenchmark() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "throughput";
        int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String windows = args.length > 2 ? args[2] : "all";
        // Further arguments are job options, e.g. --max-lateness 1m --checkpoint-interval 10s.
        extra =
                args.length > 3
                        ? java.util.Arrays.copyOfRange(args, 3, args.length)
                        : new String[0];
        if (mode.equals("latency")) {
            latency(ticks);
        } else {
            throughput("rocksdb", ticks, windows);
            throughput("hashmap", ticks, windows);
        }
    }

    static JobConfig.Builder config(String backend) throws Exception {
        JobConfig.Builder b =
                JobConfig.builder()
                        .withThreshold("temperature", 80)
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withOutOfOrderness(Duration.ofSeconds(1))
                        .withStateBackend(backend)
                        .withCheckpointDir(
                                Files.createTempDirectory("fieldline-bench").toUri().toString());
        return JobArgs.apply(b, extra);
    }

    /** {@code windows}: {@code all}, {@code no-session} or {@code tumbling-only}. */
    static void throughput(String backend, int ticks, String windows) throws Exception {
        JobConfig.Builder b = config(backend).withParallelism(1);
        if (!windows.equals("all")) {
            b.withSessionGap(Duration.ZERO);
        }
        if (windows.equals("tumbling-only")) {
            b.withSlidingWindow(Duration.ZERO, Duration.ZERO);
        }
        JobConfig cfg = b.build();
        long records = (long) DEVICES * ticks; // one record per message
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(1, FlinkSettings.of(cfg));
        TelemetryAnalyticsJob.configure(env, cfg);
        DataStream<Inbound> in =
                env.fromSource(
                                new DataGeneratorSource<>(
                                        new SyntheticFleet(DEVICES, 1000, false),
                                        records,
                                        TypeInformation.of(Inbound.class)),
                                WatermarkStrategy.noWatermarks(),
                                "fleet")
                        .map(new CheckpointProbe<>())
                        .name("checkpoint-probe");
        discard(TelemetryAnalyticsJob.defineWorkflow(in, cfg));
        CheckpointProbe.DURATIONS_MS.clear();
        SyntheticFleet.FIRST_NANOS.set(0);
        env.execute("bench-" + backend);
        // From the first generated record to the end: job start-up is not throughput.
        double seconds = (System.nanoTime() - SyntheticFleet.FIRST_NANOS.get()) / 1e9;
        long readings = (long) DEVICES * ticks * SyntheticFleet.METRICS.length;
        System.out.printf(
                "%s (%s): %d readings (%d messages) in %.1f s = %.0f readings/s at parallelism 1;"
                        + " checkpoints %s%n",
                backend,
                windows + " windows",
                readings,
                (long) DEVICES * ticks,
                seconds,
                readings / seconds,
                summary(CheckpointProbe.DURATIONS_MS));
    }

    static void latency(int seconds) throws Exception {
        // The job's default checkpoint interval (10 s): a 2 s interval puts a barrier alignment
        // into the tail of the latency distribution every 2 s.
        JobConfig cfg =
                config("rocksdb")
                        .withParallelism(2)
                        .withOutOfOrderness(Duration.ZERO)
                        .withCheckpointInterval(Duration.ofSeconds(10))
                        .build();
        Configuration conf = FlinkSettings.of(cfg);
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(20));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        TelemetryAnalyticsJob.configure(env, cfg);
        env.setBufferTimeout(5);
        int perSecond = DEVICES; // messages: each device once a second
        DataStream<Inbound> in =
                env.fromSource(
                        new DataGeneratorSource<>(
                                new SyntheticFleet(DEVICES, 1000, true),
                                (long) perSecond * seconds,
                                RateLimiterStrategy.perSecond(perSecond),
                                TypeInformation.of(Inbound.class)),
                        WatermarkStrategy.noWatermarks(),
                        "paced-fleet");
        Outputs out = TelemetryAnalyticsJob.defineWorkflow(in, cfg);
        out.alerts()
                .filter(a -> a.kind == AlertKind.THRESHOLD)
                .map(JobBenchmark::recordLatency)
                .sinkTo(new DiscardingSink<>());
        LATENCIES_MS.clear();
        env.execute("bench-latency");
        System.out.printf(
                "latency (reading → THRESHOLD alert, %d readings/s, parallelism 2, RocksDB): %s%n",
                DEVICES * SyntheticFleet.METRICS.length, summary(LATENCIES_MS));
    }

    /** Records reading→alert latency, skipping the first 5 s (JIT and job warm-up). */
    static AlertEvent recordLatency(AlertEvent a) {
        long now = System.currentTimeMillis();
        if (WARMUP_END_MS.get() == 0) {
            WARMUP_END_MS.compareAndSet(0, now + 5_000);
        }
        if (a.readingReceiveTimeMs >= WARMUP_END_MS.get()) {
            LATENCIES_MS.add(now - a.readingReceiveTimeMs);
        }
        return a;
    }

    private static void discard(Outputs out) {
        out.aggregates().sinkTo(new DiscardingSink<>());
        out.alerts().sinkTo(new DiscardingSink<>());
        out.deadLetters().sinkTo(new DiscardingSink<>());
        out.ledger().sinkTo(new DiscardingSink<>());
    }

    static String summary(List<Long> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(
                "n=%d p50=%d ms p99=%d ms max=%d ms",
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)),
                sorted.get(sorted.size() - 1));
    }
}
