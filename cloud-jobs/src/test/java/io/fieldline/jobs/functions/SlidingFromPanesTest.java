package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.T0;
import static io.fieldline.jobs.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.Pane;
import io.fieldline.jobs.model.WindowResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class SlidingFromPanesTest {
    @Test
    void everyWindowMergesItsPanesAndExpiredPanesAndTimersAreGone() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Pane, WindowResult> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SlidingFromPanes(30_000, 10_000), Pane::deviceMetric, Types.STRING)) {
            pane(h, 0, Stats.of(at(1), 1).add(at(2), 2));
            pane(h, 20, Stats.of(at(21), 10)); // the pane [10, 20) is empty
            h.processWatermark(at(1000));

            assertThat(h.extractOutputValues())
                    .extracting(
                            w ->
                                    (w.windowStartMs - T0) / 1000
                                            + ".."
                                            + (w.windowEndMs - T0) / 1000
                                            + " n="
                                            + w.count
                                            + " sum="
                                            + w.sum)
                    .containsExactly(
                            "-20..10 n=2 sum=3.0",
                            "-10..20 n=2 sum=3.0",
                            "0..30 n=3 sum=13.0",
                            "10..40 n=1 sum=10.0",
                            "20..50 n=1 sum=10.0");
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void sizeMustBeAMultipleOfTheSlide() {
        assertThatThrownBy(() -> new SlidingFromPanes(25_000, 10_000))
                .hasMessageContaining("multiple");
    }

    private static void pane(
            KeyedOneInputStreamOperatorTestHarness<String, Pane, WindowResult> h,
            long startSec,
            Stats s)
            throws Exception {
        Pane p = new Pane();
        p.deviceId = "p";
        p.metric = "t";
        p.startMs = T0 + startSec * 1000;
        p.stats = s;
        h.processElement(p, p.startMs + 9_999);
    }
}
