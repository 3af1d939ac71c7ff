package io.fieldline.jobs;

import static io.fieldline.jobs.TestData.T0;
import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.garbage;
import static io.fieldline.jobs.TestData.in;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.functions.Watermarks;
import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.WindowResult;
import io.fieldline.proto.AlertKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole workflow on a MiniCluster at parallelism 2, fed out-of-order input from memory. */
class WorkflowMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final JobConfig CFG =
            new JobConfig()
                    .withThreshold("temperature", 80)
                    .withTumblingWindow(Duration.ofSeconds(10))
                    .withOutOfOrderness(Duration.ofSeconds(5))
                    .withSlidingWindow(Duration.ZERO, Duration.ZERO)
                    .withSessionGap(Duration.ZERO);

    /** pump-1 temperature crosses 80 twice in one episode; readings arrive out of order. */
    static List<Inbound> input() {
        return List.of(
                in("pump-1", "temperature", 3, 4, 90),
                in("pump-1", "temperature", 1, 0, 70),
                garbage("pump-7"),
                in("pump-2", "humidity", 1, 1, 40),
                in("pump-1", "temperature", 2, 2, 85),
                in("pump-1", "temperature", 5, 11, 60),
                in("pump-1", "temperature", 4, 6, 75),
                in("pump-2", "humidity", 2, 12, 42),
                in("pump-1", "temperature", 6, 13, 65));
    }

    static List<WindowResult> expectedAggregates() {
        return List.of(
                window("pump-1", "temperature", 0, 4, 70, 90, 320, 25850),
                window("pump-1", "temperature", 10, 2, 60, 65, 125, 7825),
                window("pump-2", "humidity", 0, 1, 40, 40, 40, 1600),
                window("pump-2", "humidity", 10, 1, 42, 42, 42, 1764));
    }

    @Test
    void outOfOrderInputGivesExactAggregatesAndOneAlertPerEpisode() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Inbound> source =
                env.fromData(input()).assignTimestampsAndWatermarks(Watermarks.forInbound(CFG));

        Outputs out = TelemetryAnalyticsJob.defineWorkflow(source, CFG);
        CloseableIterator<WindowResult> aggregates = out.aggregates().collectAsync();
        CloseableIterator<AlertEvent> alerts = out.alerts().collectAsync();
        CloseableIterator<DeadLetterRecord> deadLetters = out.deadLetters().collectAsync();
        env.execute("workflow-test");

        assertThat(drain(aggregates)).containsExactlyInAnyOrderElementsOf(expectedAggregates());
        List<AlertEvent> alertList = drain(alerts);
        assertThat(alertList).hasSize(1);
        AlertEvent alert = alertList.get(0);
        assertThat(alert.kind).isEqualTo(AlertKind.THRESHOLD);
        assertThat(alert.deviceId).isEqualTo("pump-1");
        // The episode starts at the earliest reading above 80 in event time, not arrival order.
        assertThat(alert.eventTimeMs).isEqualTo(at(2));
        assertThat(alert.value).isEqualTo(85);
        assertThat(alert.alertId)
                .isEqualTo(
                        AlertEvent.idFor(
                                "pump-1", "temperature", AlertKind.THRESHOLD, at(2), alert.ruleId));
        assertThat(alert.message).contains("temperature", "pump-1", "85.0", "80.0");
        assertThat(drain(deadLetters)).extracting(d -> d.deviceId).containsExactly("pump-7");
    }

    /**
     * pump-3 reports every second, then stops while pump-4 keeps time moving: one SILENCE alert,
     * cleared when pump-3 returns. A reading far behind the watermark is late: it is in no
     * aggregate and becomes a LATE_READING dead letter.
     */
    @Test
    void silentDeviceIsReportedAndClearedAndLateReadingsAreDiverted() throws Exception {
        List<Inbound> input = new ArrayList<>();
        for (int s = 0; s <= 30; s++) {
            if (s <= 4) {
                input.add(in("pump-3", "rpm", s, s, 100));
            }
            input.add(in("pump-4", "rpm", s, s, 50));
        }
        input.add(in("pump-4", "rpm", 99, 1, 50)); // 29 s behind the newest reading: late
        input.add(in("pump-3", "rpm", 5, 31, 100));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Inbound> source =
                env.fromData(input)
                        .assignTimestampsAndWatermarks(
                                PunctuatedWatermarks.strategy(Duration.ofSeconds(1)))
                        .setParallelism(1);
        Outputs out = TelemetryAnalyticsJob.defineWorkflow(source, CFG);
        CloseableIterator<WindowResult> aggregates = out.aggregates().collectAsync();
        CloseableIterator<AlertEvent> alerts = out.alerts().collectAsync();
        CloseableIterator<DeadLetterRecord> deadLetters = out.deadLetters().collectAsync();
        env.execute("silence-test");

        assertThat(drain(alerts))
                .extracting(a -> a.kind + " " + a.deviceId + " cleared=" + a.cleared)
                .containsExactly("SILENCE pump-3 cleared=false", "SILENCE pump-3 cleared=true");
        assertThat(drain(deadLetters))
                .extracting(d -> d.reasonCode + " " + d.deviceId)
                .containsExactly("LATE_READING pump-4");
        assertThat(drain(aggregates))
                .filteredOn(w -> w.deviceId.equals("pump-4") && w.windowStartMs == T0)
                .extracting(w -> w.count)
                .containsExactly(10L);
    }

    /**
     * Raw readings and an edge aggregate of the same period merge exactly in tumbling, sliding and
     * session windows.
     */
    @Test
    void rawReadingsAndEdgeAggregatesMergeExactlyInEveryWindowKind() throws Exception {
        JobConfig cfg =
                new JobConfig()
                        .withTumblingWindow(Duration.ofSeconds(10))
                        .withSlidingWindow(Duration.ofSeconds(20), Duration.ofSeconds(10))
                        .withSessionGap(Duration.ofSeconds(5));
        Partial edge = new Partial();
        edge.deviceId = "pump-5";
        edge.metric = "temperature";
        edge.timeMs = at(3);
        edge.stats = Stats.of(at(3), 20).add(at(4), 30).add(at(5), 40);
        List<Inbound> input =
                List.of(
                        in("pump-5", "temperature", 1, 1, 10),
                        Inbound.of(edge),
                        in("pump-5", "temperature", 2, 2, 20),
                        in("pump-5", "temperature", 3, 12, 50));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Inbound> source =
                env.fromData(input).assignTimestampsAndWatermarks(Watermarks.forInbound(cfg));
        CloseableIterator<WindowResult> aggregates =
                TelemetryAnalyticsJob.defineWorkflow(source, cfg).aggregates().collectAsync();
        env.execute("window-kinds-test");

        assertThat(drain(aggregates))
                .extracting(
                        w ->
                                w.windowKind
                                        + " ["
                                        + (w.windowStartMs - T0)
                                        + ","
                                        + (w.windowEndMs - T0)
                                        + ") n="
                                        + w.count
                                        + " sum="
                                        + w.sum
                                        + " min="
                                        + w.min
                                        + " max="
                                        + w.max
                                        + " sq="
                                        + w.sumOfSquares)
                .containsExactlyInAnyOrder(
                        "tumbling [0,10000) n=5 sum=120.0 min=10.0 max=40.0 sq=3400.0",
                        "tumbling [10000,20000) n=1 sum=50.0 min=50.0 max=50.0 sq=2500.0",
                        "sliding [-10000,10000) n=5 sum=120.0 min=10.0 max=40.0 sq=3400.0",
                        "sliding [0,20000) n=6 sum=170.0 min=10.0 max=50.0 sq=5900.0",
                        "sliding [10000,30000) n=1 sum=50.0 min=50.0 max=50.0 sq=2500.0",
                        "session [1000,8000) n=5 sum=120.0 min=10.0 max=40.0 sq=3400.0",
                        "session [12000,17000) n=1 sum=50.0 min=50.0 max=50.0 sq=2500.0");
    }

    static WindowResult window(
            String device,
            String metric,
            long startSec,
            long n,
            double min,
            double max,
            double sum,
            double sumSq) {
        WindowResult w = new WindowResult();
        w.deviceId = device;
        w.metric = metric;
        w.windowStartMs = T0 + startSec * 1000;
        w.windowEndMs = w.windowStartMs + 10_000;
        w.count = n;
        w.min = min;
        w.max = max;
        w.sum = sum;
        w.mean = sum / n;
        w.sumOfSquares = sumSq;
        w.windowKind = "tumbling";
        return w;
    }

    static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> list = new ArrayList<>();
        try (it) {
            it.forEachRemaining(list::add);
        }
        return list;
    }
}
