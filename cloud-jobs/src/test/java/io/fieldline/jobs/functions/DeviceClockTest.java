package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.T0;
import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.SeqMark;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceClockTest {
    /** Out-of-orderness 5 s, idleness 30 s, lateness bound 60 s, future bound 1 h. */
    static final DeviceClock.Settings SETTINGS =
            new DeviceClock.Settings(5_000, 30_000, 60_000, 3_600_000, 60_000, 0, "telemetry");

    private KeyedOneInputStreamOperatorTestHarness<String, Inbound, Reading> h;

    @BeforeEach
    void setUp() throws Exception {
        h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new DeviceClock(SETTINGS), Inbound::deviceId, Types.STRING);
        h.setProcessingTime(at(0));
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private void send(String device, long seq, double sec, double value) throws Exception {
        h.processElement(new StreamRecord<>(Inbound.of(reading(device, "t", seq, sec, value))));
    }

    private List<String> released() {
        return h.extractOutputValues().stream()
                .map(r -> r.deviceId + "@" + (r.eventTimeMs - T0) / 1000)
                .toList();
    }

    private List<String> windowInput() {
        return h.getSideOutput(DeviceClock.WINDOWS).stream()
                .map(StreamRecord::getValue)
                .map(p -> kind(p) + (p.kind == Partial.TICK ? "" : "@" + (p.timeMs - T0) / 1000))
                .toList();
    }

    private static String kind(Partial p) {
        return List.of("ordered", "late", "edge", "tick").get(p.kind);
    }

    @Test
    void eachDeviceIsReleasedInItsOwnOrderByItsOwnClock() throws Exception {
        send("a", 3, 4, 1);
        send("a", 1, 0, 1);
        send("b", 1, 100, 1); // another device far ahead moves nothing of a's
        send("a", 2, 2, 1);
        assertThat(released()).isEmpty();
        send("a", 4, 10, 1); // a's clock: 10 - 5 - 1 = 4 s
        assertThat(released()).containsExactly("a@0", "a@2", "a@4");
        send("a", 5, 6, 1); // after its clock passed 4 s, but not behind it: still in order
        send("a", 6, 12, 1);
        assertThat(released()).containsExactly("a@0", "a@2", "a@4", "a@6");
        assertThat(h.getSideOutput(DeviceClock.DEAD_LETTERS)).isNull();
    }

    @Test
    void aReadingBehindTheDevicesClockCorrectsItsWindowAndSkipsTheDetectors() throws Exception {
        send("a", 1, 0, 1);
        send("a", 2, 20, 1); // clock 14 s: 0 s released
        send("a", 3, 3, 1); // behind the clock
        assertThat(released()).containsExactly("a@0");
        assertThat(windowInput()).containsExactly("ordered@0", "late@3");
    }

    @Test
    void readingsAheadOfTheGatewaysBacklogWaitForItWithoutMovingTheClock() throws Exception {
        send("a", 1, 0, 1);
        for (int s = 200; s <= 202; s++) { // live data overtaking a 200 s backlog
            Reading live = reading("a", "t", s, s, 1);
            live.aheadOfBacklog = true;
            h.processElement(new StreamRecord<>(Inbound.of(live)));
        }
        for (int s = 1; s < 200; s++) {
            send("a", s, s, 1); // the backlog, oldest first
        }
        send("a", 203, 203, 1); // live again after the replay: the clock moves past the held ones
        List<String> out = released();
        assertThat(out).hasSize(198).startsWith("a@0", "a@1").endsWith("a@196", "a@197");
        assertThat(h.getSideOutput(DeviceClock.WINDOWS))
                .extracting(r -> r.getValue().kind)
                .doesNotContain(Partial.LATE);
        h.processWatermark(new Watermark(Long.MAX_VALUE)); // end of input flushes the rest
        assertThat(released()).hasSize(204).endsWith("a@200", "a@201", "a@202", "a@203");
        assertThat(windowInput()).noneMatch(s -> s.startsWith("late"));
    }

    @Test
    void dataOlderThanTheLatenessBoundOrFarInTheFutureIsRefusedAndCounted() throws Exception {
        send("a", 1, 100, 1);
        send("a", 2, 200, 1); // clock 194 s
        send("a", 3, 120, 1); // 74 s behind: beyond the 60 s bound
        send("a", 4, 140, 1); // 54 s behind: late, still corrected
        send("a", 5, 3 * 3600 + 200, 1); // three hours ahead of the job's wall clock (T0)
        h.processElement(new StreamRecord<>(Inbound.of(new SeqMark("a", 3, at(120), "gw"))));
        assertThat(h.getSideOutput(DeviceClock.DEAD_LETTERS))
                .extracting(r -> r.getValue().reasonCode + " " + r.getValue().deviceId)
                .containsExactly("TOO_OLD a", "FUTURE_TIMESTAMP a");
        assertThat(h.getSideOutput(DeviceClock.LEDGER))
                .extracting(r -> r.getValue().kind)
                .contains(SeqMark.REFUSED);
        assertThat(windowInput()).contains("late@140");
        assertThat(released()).containsExactly("a@100");
    }

    @Test
    void aQuietDeviceIsReleasedAfterTheBoundAndClosedAfterIdleness() throws Exception {
        send("a", 1, 0, 1);
        send("a", 2, 1, 1);
        assertThat(released()).isEmpty();
        h.setProcessingTime(at(5.5)); // nothing for the out-of-orderness bound: release
        assertThat(released()).containsExactly("a@0", "a@1");
        assertThat(windowInput()).doesNotContain("tick");
        h.setProcessingTime(at(31)); // idleness: windows and ledger close
        assertThat(windowInput()).containsExactly("ordered@0", "ordered@1", "tick");
        assertThat(h.getSideOutput(DeviceClock.LEDGER))
                .extracting(r -> r.getValue().clockMs)
                .endsWith(Long.MAX_VALUE);
        h.setProcessingTime(at(100)); // closed once, not again while nothing comes
        assertThat(windowInput()).filteredOn("tick"::equals).hasSize(1);
        send("a", 3, 2, 1); // resumes: in order, not late
        h.setProcessingTime(at(106));
        assertThat(released()).endsWith("a@2");
    }

    /** A whole message, as the Kafka deserializer emits it. */
    private void message(String device, long seq, double sec, String... metrics) throws Exception {
        java.util.List<Reading> rs = new java.util.ArrayList<>();
        for (String m : metrics) {
            rs.add(reading(device, m, seq, sec, 1));
        }
        h.processElement(
                new StreamRecord<>(Inbound.of(new SeqMark(device, seq, at(sec), "gw"), rs)));
    }

    @Test
    void withoutAnOutOfOrdernessBoundAWholeMessageIsReleasedAsItArrives() throws Exception {
        h.close();
        h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new DeviceClock(
                                new DeviceClock.Settings(
                                        0, 30_000, 60_000, 0, 60_000, 0, "telemetry")),
                        Inbound::deviceId,
                        Types.STRING);
        message("a", 1, 0, "t", "p", "r");
        assertThat(released()).containsExactly("a@0", "a@0", "a@0");
        message("a", 2, 0, "t"); // same time, after it was released: late
        assertThat(windowInput()).endsWith("late@0");
    }

    @Test
    void aMessageSeenBeforeIsCountedByTheLedgerButItsReadingsAreDropped() throws Exception {
        message("a", 1, 0, "t", "p");
        message("a", 2, 1, "t", "p");
        message("a", 4, 3, "t", "p");
        message("a", 1, 0, "t", "p"); // re-sent after a link failure: already in Kafka
        message("a", 3, 2, "t", "p"); // new, only out of order
        message("a", 3, 2, "t", "p"); // and its duplicate
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(released())
                .containsExactly("a@0", "a@0", "a@1", "a@1", "a@2", "a@2", "a@3", "a@3");
        assertThat(h.getSideOutput(DeviceClock.LEDGER))
                .filteredOn(r -> r.getValue().kind == SeqMark.MARK)
                .extracting(r -> r.getValue().seq)
                .containsExactly(1L, 2L, 4L, 1L, 3L, 3L);
    }

    @Test
    void onlyTheLast64SequenceNumbersAreRemembered() {
        var st = new io.fieldline.jobs.model.ClockState();
        for (long seq = 1; seq <= 100; seq++) {
            assertThat(DeviceClock.seenBefore(seq, 1, st)).isFalse();
        }
        assertThat(DeviceClock.seenBefore(100, 1, st)).isTrue();
        assertThat(DeviceClock.seenBefore(36, 1, st)).isTrue(); // 64 below the highest
        assertThat(DeviceClock.seenBefore(35, 1, st)).isFalse(); // forgotten: taken as new
        assertThat(DeviceClock.seenBefore(300, 1, st)).isFalse();
        assertThat(DeviceClock.seenBefore(237, 1, st)).isFalse(); // a gap: new
        assertThat(DeviceClock.seenBefore(237, 1, st)).isTrue();
        assertThat(DeviceClock.seenBefore(0, 1, st)).isFalse(); // no sequence number
        assertThat(DeviceClock.seenBefore(0, 1, st)).isFalse();
    }

    @Test
    void aDeviceThatRestartsItsNumberingIsNotTakenForDuplicates() throws Exception {
        for (int s = 1; s <= 30; s++) {
            message("a", s, s, "t");
        }
        message("a", 1, 40, "t"); // restarted: number 1 again, but stamped later
        message("a", 2, 41, "t");
        message("a", 2, 41, "t"); // a real re-send of the new 2
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(released()).hasSize(32).endsWith("a@30", "a@40", "a@41");
    }

    @Test
    void anEventTimeThatIsNoTimeIsRefused() throws Exception {
        send("a", 1, 0, 1);
        h.processElement(new StreamRecord<>(Inbound.of(new Reading("a", "t", 1, -5, 2))));
        h.processElement(
                new StreamRecord<>(Inbound.of(new Reading("a", "t", 1, Long.MAX_VALUE - 1, 3))));
        assertThat(h.getSideOutput(DeviceClock.DEAD_LETTERS))
                .extracting(r -> r.getValue().reasonCode)
                .containsExactly("INVALID_TIMESTAMP", "INVALID_TIMESTAMP");
    }

    @Test
    void dataAfterAQuietReleasePullsTheTimerBackToTheBound() throws Exception {
        send("a", 1, 0, 1);
        h.setProcessingTime(at(5.5)); // quiet release; next wake-up is the idle close at 30 s
        send("a", 2, 6, 1); // arrives at 5.5 s
        h.setProcessingTime(at(10.6)); // its own bound passed: released, not at 30 s
        assertThat(released()).containsExactly("a@0", "a@6");
    }

    @Test
    void theSourcesDeadLettersPassThrough() throws Exception {
        h.processElement(new StreamRecord<>(io.fieldline.jobs.TestData.garbage("pump-9")));
        assertThat(h.getSideOutput(DeviceClock.DEAD_LETTERS))
                .extracting(r -> r.getValue().reasonCode + " " + r.getValue().deviceId)
                .containsExactly("UNDECODABLE pump-9");
        assertThat(released()).isEmpty();
    }

    @Test
    void edgeAggregatesGoStraightToTheWindows() throws Exception {
        send("a", 1, 50, 1);
        send("a", 2, 60, 1);
        Partial edge = new Partial();
        edge.deviceId = "a";
        edge.metric = "t";
        edge.timeMs = at(3);
        edge.stats = Stats.of(at(3), 5);
        h.processElement(new StreamRecord<>(Inbound.of(edge)));
        assertThat(windowInput()).containsExactly("ordered@50", "edge@3");
    }
}
