package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.T0;
import static io.fieldline.jobs.TestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.WindowResult;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceWindowsTest {
    private KeyedOneInputStreamOperatorTestHarness<String, Partial, WindowResult> h;

    private void open(long slidingSize, long slide, long gap) throws Exception {
        open(slidingSize, slide, gap, 86_400_000);
    }

    private void open(long slidingSize, long slide, long gap, long keepMs) throws Exception {
        h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new DeviceWindows(
                                new DeviceWindows.Settings(
                                        10_000, slidingSize, slide, gap, keepMs)),
                        p -> p.deviceId,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private void send(int kind, String metric, double sec, double value) throws Exception {
        var r = reading("d", metric, 0, sec, value);
        // In-order readings come as the device clock sends them: a batch of one event time.
        h.processElement(
                kind == Partial.ORDERED ? Partial.ordered(List.of(r)) : Partial.of(r, kind), 0);
    }

    private void tick(long clockMs) throws Exception {
        h.processElement(Partial.tick("d", clockMs), 0);
    }

    private List<String> results() {
        return h.extractOutputValues().stream()
                .map(
                        w ->
                                w.windowKind
                                        + " "
                                        + w.metric
                                        + " ["
                                        + (w.windowStartMs - T0) / 1000
                                        + ","
                                        + (w.windowEndMs - T0) / 1000
                                        + ") r"
                                        + w.revision
                                        + " n="
                                        + w.count
                                        + " sum="
                                        + w.sum)
                .toList();
    }

    @Test
    void inOrderReadingsCloseEveryMetricsWindowWhenTheDeviceMovesOn() throws Exception {
        open(0, 0, 0);
        send(Partial.ORDERED, "a", 1, 1);
        send(Partial.ORDERED, "b", 1, 10);
        send(Partial.ORDERED, "a", 9, 2);
        assertThat(results()).isEmpty();
        send(Partial.ORDERED, "a", 10, 3); // b sent nothing new: its window closes all the same
        assertThat(results())
                .containsExactly(
                        "tumbling a [0,10) r1 n=2 sum=3.0", "tumbling b [0,10) r1 n=1 sum=10.0");
        tick(Long.MAX_VALUE);
        assertThat(results()).endsWith("tumbling a [10,20) r1 n=1 sum=3.0");
    }

    @Test
    void lateDataAndDataAfterAnIdleCloseGiveTheWholeWindowAgainWithTheNextRevision()
            throws Exception {
        open(0, 0, 0);
        send(Partial.ORDERED, "a", 1, 1);
        send(Partial.ORDERED, "a", 12, 1);
        send(Partial.LATE, "a", 2, 5);
        send(Partial.EDGE, "a", 3, 7);
        tick(Long.MAX_VALUE); // idle: [10,20) closes early
        send(Partial.ORDERED, "a", 15, 1); // the device resumes inside it
        send(Partial.ORDERED, "a", 21, 1);
        assertThat(results())
                .containsExactly(
                        "tumbling a [0,10) r1 n=1 sum=1.0",
                        "tumbling a [0,10) r2 n=2 sum=6.0",
                        "tumbling a [0,10) r3 n=3 sum=13.0",
                        "tumbling a [10,20) r1 n=1 sum=1.0",
                        "tumbling a [10,20) r2 n=2 sum=2.0");
    }

    @Test
    void slidingWindowsAreSumsOfPanesAndACorrectedPaneRevisesEveryWindowHoldingIt()
            throws Exception {
        open(30_000, 10_000, 0);
        for (int s = 0; s < 40; s += 5) {
            send(Partial.ORDERED, "a", s, 1);
        }
        tick(Long.MAX_VALUE);
        List<String> first = results();
        assertThat(first)
                .filteredOn(r -> r.startsWith("sliding"))
                .containsExactly(
                        "sliding a [-20,10) r1 n=2 sum=2.0",
                        "sliding a [-10,20) r1 n=4 sum=4.0",
                        "sliding a [0,30) r1 n=6 sum=6.0",
                        "sliding a [10,40) r1 n=6 sum=6.0",
                        "sliding a [20,50) r1 n=4 sum=4.0",
                        "sliding a [30,60) r1 n=2 sum=2.0");
        send(Partial.LATE, "a", 12, 10);
        assertThat(results().subList(first.size(), results().size()))
                .containsExactly(
                        "tumbling a [10,20) r2 n=3 sum=12.0",
                        "sliding a [-10,20) r2 n=5 sum=14.0",
                        "sliding a [0,30) r2 n=7 sum=16.0",
                        "sliding a [10,40) r2 n=7 sum=16.0");
    }

    @Test
    void windowsOlderThanTheLatenessBoundAreForgottenAsTheDeviceMovesOn() throws Exception {
        open(30_000, 10_000, 0, 60_000); // corrections accepted for 60 s of the device's time
        for (int s = 0; s <= 200; s += 5) {
            send(Partial.ORDERED, "a", s, 1);
        }
        send(Partial.LATE, "a", 141, 1); // within the bound: the whole window again
        send(Partial.LATE, "a", 12, 1); // far beyond it: its history is gone
        assertThat(results())
                .contains(
                        "tumbling a [140,150) r2 n=3 sum=3.0",
                        "sliding a [120,150) r2 n=7 sum=7.0", // every pane it holds is kept
                        "tumbling a [10,20) r1 n=1 sum=1.0");
    }

    @Test
    void aMetricThatGoesQuietStillGetsItsSlidingWindowsAsTheDeviceMovesOn() throws Exception {
        open(20_000, 10_000, 0);
        send(Partial.ORDERED, "b", 1, 5); // b reports once
        for (int s = 1; s <= 45; s += 5) {
            send(Partial.ORDERED, "a", s, 1);
        }
        assertThat(results())
                .contains("sliding b [-10,10) r1 n=1 sum=5.0", "sliding b [0,20) r1 n=1 sum=5.0");
    }

    @Test
    void aSessionEndsAfterTheGapAndTakesLateDataOnlyWhileOpen() throws Exception {
        open(0, 0, 5_000);
        send(Partial.ORDERED, "a", 1, 1);
        send(Partial.ORDERED, "a", 3, 1);
        send(Partial.LATE, "a", 2, 1); // inside the open session
        send(Partial.ORDERED, "a", 20, 1); // gap of 17 s: the session ends at 3 + 5
        send(Partial.LATE, "a", 4, 1); // its session is closed: sessions are not revised
        tick(Long.MAX_VALUE);
        assertThat(results())
                .filteredOn(r -> r.startsWith("session"))
                .containsExactly(
                        "session a [1,8) r1 n=3 sum=3.0", "session a [20,25) r1 n=1 sum=1.0");
    }
}
