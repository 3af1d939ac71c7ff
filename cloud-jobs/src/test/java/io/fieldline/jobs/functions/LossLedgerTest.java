package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.T0;
import static io.fieldline.jobs.TestData.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.SeqMark;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
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
        watermark(at(69.998));
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(at(70));
        LedgerRecord r = harness.extractOutputValues().get(0);
        assertThat(r.toString())
                .isEqualTo(
                        "Ledger{p ["
                                + T0
                                + ","
                                + at(60)
                                + ") received=5 expected=6 missing=1 duplicates=1 shed=1}");
        assertThat(r.firstSeq).isEqualTo(1);
        assertThat(r.lastSeq).isEqualTo(6);
        assertThat(r.forwarded).isEqualTo(6);
        assertThat(r.droppedByReason).containsEntry("SHED", 1L);
        assertThat(r.gatewayId).isEqualTo("gw-1");

        // The next window continues from seq 6: 7 and 8 never arrive.
        mark("p", 9, 61);
        watermark(at(130));
        LedgerRecord next = harness.extractOutputValues().get(1);
        assertThat(next.expected).isEqualTo(3);
        assertThat(next.missing).isEqualTo(2);

        watermark(at(130) + FORGET);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aWindowTheCloudNeverSawReportsTheGatewayCountsButNoLoss() throws Exception {
        // Wall-clock gateway intervals and event-time windows do not line up: a report alone in a
        // window is not evidence that readings of that window are missing.
        harness.processElement2(gateway("q", T0, 10, 10, 0), T0);
        watermark(at(70));

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
        watermark(at(130));

        assertThat(harness.extractOutputValues())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.missing).isZero())
                .extracting(r -> r.expected)
                .containsExactly(5L, 4L);
    }

    @Test
    void marksForAReportedWindowAreTooLateAndIgnored() throws Exception {
        watermark(at(100));
        mark("p", 1, 1);

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private void watermark(long t) throws Exception {
        harness.processBothWatermarks(new Watermark(t));
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
