package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.T0;
import static io.fieldline.jobs.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.SeqMark;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LossLedgerTest {
    private static final long WINDOW = 60_000;
    private static final long GRACE = 10_000;
    private static final long FORGET = 3_600_000;

    private KeyedTwoInputStreamOperatorTestHarness<String, SeqMark, LedgerRecord, LedgerRecord>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new LossLedger(WINDOW, GRACE, FORGET),
                        m -> m.deviceId,
                        g -> g.deviceId,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void countsGapsAndDuplicatesJoinsTheGatewayReportAndCleansUp() throws Exception {
        for (long seq : new long[] {1, 2, 3, 3, 5, 6}) { // 4 missing, 3 twice
            mark("p", seq, seq);
        }
        harness.processElement2(gateway("p", T0, 7, 6, 1), T0);
        tick("p", at(69.998));
        assertThat(harness.extractOutputValues()).isEmpty();

        tick("p", at(70));
        LedgerRecord r = harness.extractOutputValues().get(0);
        assertThat(r.toString())
                .isEqualTo(
                        "Ledger{p ["
                                + T0
                                + ","
                                + at(60)
                                + ") r1 received=5 expected=6 missing=1 duplicates=1 shed=1 late=0 refused=0}");
        assertThat(r.firstSeq).isEqualTo(1);
        assertThat(r.lastSeq).isEqualTo(6);
        assertThat(r.forwarded).isEqualTo(6);
        assertThat(r.droppedByReason).containsEntry("SHED", 1L);
        assertThat(r.gatewayId).isEqualTo("gw-1");

        // The next window continues from seq 6: 7 and 8 never arrive.
        mark("p", 9, 61);
        tick("p", at(130));
        LedgerRecord next = harness.extractOutputValues().get(1);
        assertThat(next.expected).isEqualTo(3);
        assertThat(next.missing).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero(); // state expires by its TTL
    }

    @Test
    void lateMarksAndALateGatewayReportCorrectTheirWindowInsteadOfMissing() throws Exception {
        for (long seq = 1; seq <= 6; seq++) {
            if (seq != 3 && seq != 4) {
                mark("p", seq, seq);
            }
        }
        tick("p", at(70));
        mark("p", 3, 3); // comes after the window was reported
        mark("p", 4, 4);
        harness.processElement2(gateway("p", T0, 6, 6, 0), at(80)); // after the grace
        assertThat(harness.extractOutputValues())
                .extracting(
                        r ->
                                "r"
                                        + r.revision
                                        + " received="
                                        + r.received
                                        + " missing="
                                        + r.missing
                                        + " late="
                                        + r.late
                                        + " forwarded="
                                        + r.forwarded)
                .containsExactly(
                        "r1 received=4 missing=2 late=0 forwarded=0",
                        "r2 received=5 missing=1 late=1 forwarded=0",
                        "r3 received=6 missing=0 late=2 forwarded=0",
                        "r4 received=6 missing=0 late=2 forwarded=6");
    }

    @Test
    void lateMessagesTheNextWindowCountedAsMissingAreNotMissingThereEither() throws Exception {
        for (long seq = 1; seq <= 58; seq++) {
            mark("p", seq, seq - 1); // window [0, 60): 1..58, then 59 and 60 are late
        }
        for (long seq = 61; seq <= 120; seq++) {
            mark("p", seq, seq - 1);
        }
        tick("p", at(200));
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.missing)
                .containsExactly(0L, 2L);
        mark("p", 59, 58);
        mark("p", 60, 59);
        List<LedgerRecord> out = harness.extractOutputValues();
        LedgerRecord lastOfNext = null;
        for (LedgerRecord r : out) {
            if (r.windowStartMs == at(60)) {
                lastOfNext = r;
            }
        }
        assertThat(lastOfNext.missing).isZero();
        assertThat(lastOfNext.revision).isGreaterThan(1);
    }

    @Test
    void aWindowReportedBeforeTheOneBeforeItContinuesFromItOnceThatOneIsReported()
            throws Exception {
        for (long seq = 1; seq <= 21; seq++) {
            mark("p", seq, seq - 1); // [0, 60)
        }
        tick("p", Long.MAX_VALUE); // the link goes down: idle close
        // After the outage the gateway's report for [120, 180) comes before the replayed data.
        harness.processElement2(gateway("p", at(120), 10, 10, 0), 0);
        for (long seq = 22; seq <= 30; seq++) {
            mark("p", seq, 60 + seq); // [60, 120)
        }
        for (long seq = 31; seq <= 40; seq++) {
            mark("p", seq, 120 + seq); // [120, 180): late for a reported window
        }
        tick("p", at(300));
        Map<Long, LedgerRecord> latest = new java.util.TreeMap<>();
        for (LedgerRecord r : harness.extractOutputValues()) {
            latest.merge(r.windowStartMs, r, (a, b) -> b.revision >= a.revision ? b : a);
        }
        assertThat(latest.values())
                .extracting(r -> (r.windowStartMs - T0) / 1000 + " missing=" + r.missing)
                .containsExactly("0 missing=0", "60 missing=0", "120 missing=0");
    }

    @Test
    void aGatewayReportForAnIdleDeviceIsReportedAtOnce() throws Exception {
        mark("p", 1, 1);
        tick("p", Long.MAX_VALUE); // idle close
        harness.processElement2(gateway("p", at(120), 3, 3, 0), 0);
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.windowStartMs - T0 + " forwarded=" + r.forwarded)
                .containsExactly("0 forwarded=0", "120000 forwarded=3");
    }

    @Test
    void anIdleCloseReportsEveryOpenWindowAndKeepsTheClock() throws Exception {
        mark("p", 1, 1);
        mark("p", 2, 61);
        tick("p", Long.MAX_VALUE);
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.received)
                .containsExactly(1L, 1L);
        mark("p", 3, 125); // a new window after the device resumes: open, not late
        tick("p", at(190));
        assertThat(harness.extractOutputValues())
                .last()
                .satisfies(
                        r -> {
                            assertThat(r.revision).isEqualTo(1);
                            assertThat(r.windowStartMs).isEqualTo(at(120));
                            assertThat(r.missing).isZero();
                        });
    }

    @Test
    void refusedMessagesCountInTheWindowOfTheDevicesClock() throws Exception {
        mark("p", 1, 1);
        tick("p", at(30));
        harness.processElement1(new SeqMark("p", 0, at(-3600), "gw-1").refused(), at(30));
        tick("p", at(70));
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.refused).isEqualTo(1);
                            assertThat(r.received).isEqualTo(1);
                            assertThat(r.missing).isZero();
                        });
    }

    @Test
    void aWindowTheCloudNeverSawReportsTheGatewayCountsButNoLoss() throws Exception {
        // Wall-clock gateway intervals and event-time windows do not line up: a report alone in a
        // window is not evidence that readings of that window are missing.
        harness.processElement2(gateway("q", T0, 10, 10, 0), T0);
        tick("q", at(70));

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.received).isZero();
                            assertThat(r.forwarded).isEqualTo(10);
                            assertThat(r.expected).isZero();
                            assertThat(r.missing).isZero();
                        });
    }

    @Test
    void aGatewayCountFromAnotherIntervalDoesNotMakeReadingsMissing() throws Exception {
        // The gateway's wall-clock interval counted 9 forwarded, but 4 of them carry event times
        // of the next window: the sequence range, not the gateway's count, decides what is missing.
        for (long seq = 1; seq <= 5; seq++) {
            mark("r", seq, seq);
        }
        harness.processElement2(gateway("r", T0, 9, 9, 0), T0);
        for (long seq = 6; seq <= 9; seq++) {
            mark("r", seq, 60 + seq);
        }
        tick("r", at(130));

        assertThat(harness.extractOutputValues())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.missing).isZero())
                .extracting(r -> r.expected)
                .containsExactly(5L, 4L);
    }

    private void tick(String device, long clockMs) throws Exception {
        harness.processElement1(SeqMark.tick(device, clockMs), 0);
    }

    private void mark(String device, long seq, double sec) throws Exception {
        harness.processElement1(new SeqMark(device, seq, at(sec), "gw-1"), at(sec));
    }

    private static LedgerRecord gateway(
            String device, long start, long received, long forwarded, long shed) {
        LedgerRecord g = new LedgerRecord();
        g.fromGateway = true;
        g.gatewayId = "gw-1";
        g.deviceId = device;
        g.windowStartMs = start;
        g.windowEndMs = start + WINDOW;
        g.received = received;
        g.forwarded = forwarded;
        g.shed = shed;
        if (shed > 0) {
            g.droppedByReason.putAll(Map.of("SHED", shed));
        }
        return g;
    }
}
