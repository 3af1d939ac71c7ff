package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.garbage;
import static io.fieldline.jobs.TestData.in;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Reading;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RouteInboundTest {
    @Test
    void readingsContinueDeadLettersAndLateReadingsAreDiverted() throws Exception {
        try (OneInputStreamOperatorTestHarness<Inbound, Reading> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new RouteInbound())) {
            h.processWatermark(at(10));
            send(h, in("p", "t", 1, 11, 1));
            send(h, in("p", "t", 2, 10, 2));
            send(h, in("p", "t", 3, 3, 3));
            h.processElement(garbage("q"), Long.MIN_VALUE);

            assertThat(h.extractOutputValues()).extracting(r -> r.seq).containsExactly(1L);
            assertThat(h.getSideOutput(RouteInbound.LATE))
                    .extracting(StreamRecord::getValue)
                    .extracting(r -> r.seq)
                    .containsExactly(2L, 3L);
            assertThat(h.getSideOutput(RouteInbound.DEAD_LETTERS))
                    .extracting(rec -> rec.getValue().deviceId)
                    .containsExactly("q");
        }
    }

    private static void send(OneInputStreamOperatorTestHarness<Inbound, Reading> h, Inbound in)
            throws Exception {
        h.processElement(in, in.eventTimeMs());
    }
}
