package io.fieldline.jobs;

import static io.fieldline.jobs.TestData.T0;
import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.garbage;
import static io.fieldline.jobs.TestData.in;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.SeqMark;
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
            JobConfig.builder()
                    .withThreshold("temperature", 80)
                    .withTumblingWindow(Duration.ofSeconds(10))
                    .withOutOfOrderness(Duration.ofSeconds(5))
                    .withSlidingWindow(Duration.ZERO, Duration.ZERO)
                    .withSessionGap(Duration.ZERO)
                    .build();

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
        DataStream<Inbound> source = env.fromData(input());

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
     * pump-3 reports every second, stops, and comes back 26 s later: one SILENCE alert for the gap,
     * in event time (whatever other devices did meanwhile), and its clearing. pump-4 keeps sending;
     * one of its readings arrives 29 s behind its clock: it is not dropped but corrects its window
     * (revision 2, exact), and nothing is dead-lettered.
     */
    @Test
    void aSilenceIsFoundInEventTimeAndALateReadingCorrectsItsWindow() throws Exception {
        List<Inbound> input = new ArrayList<>();
        for (int s = 0; s <= 30; s++) {
            if (s <= 4) {
                input.add(in("pump-3", "rpm", s, s, 100));
            }
            input.add(in("pump-4", "rpm", s, s, 50));
        }
        input.add(in("pump-4", "rpm", 99, 1, 50)); // 29 s behind pump-4's newest reading
        input.add(in("pump-3", "rpm", 5, 31, 100));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Outputs out = TelemetryAnalyticsJob.defineWorkflow(env.fromData(input), CFG);
        CloseableIterator<WindowResult> aggregates = out.aggregates().collectAsync();
        CloseableIterator<AlertEvent> alerts = out.alerts().collectAsync();
        CloseableIterator<DeadLetterRecord> deadLetters = out.deadLetters().collectAsync();
        env.execute("silence-test");

        List<AlertEvent> alertList = drain(alerts);
        assertThat(alertList)
                .extracting(a -> a.kind + " " + a.deviceId + " cleared=" + a.cleared)
                .containsExactly("SILENCE pump-3 cleared=false", "SILENCE pump-3 cleared=true");
        assertThat(alertList.get(0).eventTimeMs).isEqualTo(at(9)); // 5 × the 1 s interval
        assertThat(drain(deadLetters)).isEmpty();
        assertThat(drain(aggregates))
                .filteredOn(w -> w.deviceId.equals("pump-4") && w.windowStartMs == T0)
                .extracting(w -> "r" + w.revision + " n=" + w.count + " sum=" + w.sum)
                .containsExactly("r1 n=10 sum=500.0", "r2 n=11 sum=550.0");
    }

    /** With a 10 s lateness bound the same late reading is refused: dead-lettered, counted. */
    @Test
    void dataBeyondTheLatenessBoundIsDeadLetteredAndCountedInTheLedger() throws Exception {
        JobConfig cfg =
                JobConfig.builder()
                        .withTumblingWindow(Duration.ofSeconds(10))
                        .withSlidingWindow(Duration.ZERO, Duration.ZERO)
                        .withSessionGap(Duration.ZERO)
                        .withMaxLateness(Duration.ofSeconds(10))
                        .build();
        List<Inbound> input = new ArrayList<>();
        for (int s = 0; s <= 30; s++) {
            input.add(in("pump-4", "rpm", s, s, 50));
            input.add(Inbound.of(new SeqMark("pump-4", s, at(s), "gw-1")));
        }
        for (int s = 1; s <= 3; s++) { // 27 to 29 s behind the clock of about 24 s
            input.add(in("pump-4", "rpm", 100 + s, s, 50));
            input.add(Inbound.of(new SeqMark("pump-4", 100 + s, at(s), "gw-1")));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Outputs out = TelemetryAnalyticsJob.defineWorkflow(env.fromData(input), cfg);
        CloseableIterator<WindowResult> aggregates = out.aggregates().collectAsync();
        CloseableIterator<DeadLetterRecord> deadLetters = out.deadLetters().collectAsync();
        CloseableIterator<LedgerRecord> ledger = out.ledger().collectAsync();
        env.execute("too-old-test");

        assertThat(drain(deadLetters))
                .extracting(d -> d.reasonCode + " " + d.deviceId)
                .containsExactly("TOO_OLD pump-4", "TOO_OLD pump-4", "TOO_OLD pump-4");
        assertThat(drain(aggregates))
                .filteredOn(w -> w.windowStartMs == T0)
                .extracting(w -> w.revision + ":" + w.count)
                .containsExactly("1:10");
        assertThat(drain(ledger).stream().mapToLong(l -> l.refused).sum()).isEqualTo(3);
    }

    /**
     * An edge aggregate comes after its window was emitted, as a real gateway sends it (its edge
     * window closes first): it is merged exactly into a new revision of the tumbling window and of
     * every sliding window holding it; an edge-only series gets windows from aggregates alone.
     */
    @Test
    void edgeAggregatesCorrectTheirWindowsExactlyWheneverTheyArrive() throws Exception {
        JobConfig cfg =
                JobConfig.builder()
                        .withTumblingWindow(Duration.ofSeconds(10))
                        .withSlidingWindow(Duration.ofSeconds(20), Duration.ofSeconds(10))
                        .withSessionGap(Duration.ofSeconds(5))
                        .build();
        List<Inbound> input =
                List.of(
                        in("pump-5", "temperature", 1, 1, 10),
                        in("pump-5", "temperature", 2, 2, 20),
                        in("pump-5", "temperature", 3, 12, 50),
                        in("pump-5", "temperature", 4, 25, 60), // pump-5's clock: 19 s
                        Inbound.of(edge("pump-5", "temperature", 3, 20, 30, 40)),
                        Inbound.of(edge("pump-6", "vibration", 0, 1, 2)),
                        Inbound.of(edge("pump-6", "vibration", 10, 3)));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CloseableIterator<WindowResult> aggregates =
                TelemetryAnalyticsJob.defineWorkflow(env.fromData(input), cfg)
                        .aggregates()
                        .collectAsync();
        env.execute("edge-aggregates-test");

        assertThat(drain(aggregates))
                .extracting(
                        w ->
                                w.deviceId
                                        + " "
                                        + w.windowKind
                                        + " ["
                                        + (w.windowStartMs - T0) / 1000
                                        + ","
                                        + (w.windowEndMs - T0) / 1000
                                        + ") r"
                                        + w.revision
                                        + " n="
                                        + w.count
                                        + " sum="
                                        + w.sum
                                        + " max="
                                        + w.max)
                .containsExactlyInAnyOrder(
                        "pump-5 tumbling [0,10) r1 n=2 sum=30.0 max=20.0",
                        "pump-5 tumbling [10,20) r1 n=1 sum=50.0 max=50.0",
                        "pump-5 tumbling [20,30) r1 n=1 sum=60.0 max=60.0",
                        "pump-5 tumbling [0,10) r2 n=5 sum=120.0 max=40.0",
                        "pump-5 sliding [-10,10) r1 n=2 sum=30.0 max=20.0",
                        "pump-5 sliding [0,20) r1 n=6 sum=170.0 max=50.0",
                        "pump-5 sliding [10,30) r1 n=2 sum=110.0 max=60.0",
                        "pump-5 sliding [20,40) r1 n=1 sum=60.0 max=60.0",
                        "pump-5 sliding [-10,10) r2 n=5 sum=120.0 max=40.0",
                        "pump-5 session [1,7) r1 n=2 sum=30.0 max=20.0",
                        "pump-5 session [12,17) r1 n=1 sum=50.0 max=50.0",
                        "pump-5 session [25,30) r1 n=1 sum=60.0 max=60.0",
                        "pump-6 tumbling [0,10) r1 n=2 sum=3.0 max=2.0",
                        "pump-6 tumbling [10,20) r1 n=1 sum=3.0 max=3.0",
                        "pump-6 sliding [-10,10) r1 n=2 sum=3.0 max=2.0",
                        "pump-6 sliding [0,20) r1 n=3 sum=6.0 max=3.0",
                        "pump-6 sliding [10,30) r1 n=1 sum=3.0 max=3.0");
    }

    /** An edge aggregate of values at {@code startSec}, {@code startSec + 1}, ... */
    static Partial edge(String device, String metric, double startSec, double... values) {
        Partial p = new Partial();
        p.deviceId = device;
        p.metric = metric;
        p.timeMs = at(startSec);
        p.stats = new Stats();
        for (int i = 0; i < values.length; i++) {
            p.stats.add(at(startSec + i), values[i]);
        }
        return p;
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
