package io.fieldline.jobs.functions;

import static io.fieldline.jobs.TestData.at;
import static io.fieldline.jobs.TestData.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.Reading;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventTimeSorterTest {
    private KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new EventTimeSorter(), r -> r.deviceId, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void emitsInEventTimeOrderOnceTheWatermarkPassesAndCleansUp() throws Exception {
        process(reading("p", "t", 3, 3, 30));
        process(reading("p", "t", 1, 1, 10));
        process(reading("p", "t", 2, 1, 11)); // same instant: ordered by seq
        process(reading("p", "s", 1, 1, 9)); // same message: ordered by metric
        process(reading("q", "t", 1, 2, 20));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(3);

        harness.processWatermark(at(2));
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.seq + "@" + r.deviceId)
                .containsExactly("1@p", "1@p", "2@p", "1@q");

        harness.processWatermark(at(10));
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.value)
                .containsExactly(9.0, 10.0, 11.0, 20.0, 30.0);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void readingsAtOrBehindTheWatermarkGoToTheLateOutput() throws Exception {
        harness.processWatermark(at(5));
        process(reading("p", "t", 1, 5, 1));
        process(reading("p", "t", 2, 4, 2));
        process(reading("p", "t", 3, 6, 3));

        assertThat(harness.getSideOutput(EventTimeSorter.LATE))
                .extracting(StreamRecord::getValue)
                .extracting(r -> r.seq)
                .containsExactly(1L, 2L);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    private void process(Reading r) throws Exception {
        harness.processElement(r, r.eventTimeMs);
    }
}
