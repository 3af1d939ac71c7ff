package io.fieldline.jobs.model;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojo;
import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import io.fieldline.analytics.aggregate.Stats;
import org.junit.jupiter.api.Test;

class PojoSerializationTest {
    @Test
    void recordsAndStateAreFlinkPojosWithoutKryo() {
        assertSerializedAsPojoWithoutKryo(Reading.class);
        assertSerializedAsPojoWithoutKryo(Inbound.class);
        assertSerializedAsPojoWithoutKryo(DeadLetterRecord.class);
        assertSerializedAsPojoWithoutKryo(WindowResult.class);
        assertSerializedAsPojoWithoutKryo(AlertEvent.class);
        assertSerializedAsPojoWithoutKryo(Stats.class);
        assertSerializedAsPojoWithoutKryo(SilenceState.class);
        assertSerializedAsPojoWithoutKryo(GatewaySilenceState.class);
        assertSerializedAsPojoWithoutKryo(RuleRecord.class);
        assertSerializedAsPojoWithoutKryo(RuleState.class);
        assertSerializedAsPojoWithoutKryo(RuleStates.class);
        assertSerializedAsPojoWithoutKryo(DetectorHolder.class);
        assertSerializedAsPojoWithoutKryo(SeqMark.class);
        assertSerializedAsPojoWithoutKryo(ClockState.class);
        assertSerializedAsPojoWithoutKryo(RemainingLifeState.class);
        assertSerializedAsPojoWithoutKryo(Partial.class);
        assertSerializedAsPojoWithoutKryo(OpenWindows.class);
        assertSerializedAsPojoWithoutKryo(EmittedWindow.class);
        assertSerializedAsPojoWithoutKryo(LedgerRecord.class);
        assertSerializedAsPojoWithoutKryo(LedgerWindow.class);
    }

    @Test
    void readingIsPojo() {
        assertSerializedAsPojo(Reading.class);
    }
}
