package io.fieldline.jobs;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.functions.LossLedger;
import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.SeqMark;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The loss ledger: per device sequence accounting joined with the gateways' reports. */
final class LedgerBranch {
    private LedgerBranch() {}

    static DataStream<LedgerRecord> ledger(
            DataStream<SeqMark> marks, DataStream<LedgerRecord> gatewayLedger, JobConfig cfg) {
        return marks.keyBy(m -> m.deviceId, Types.STRING)
                .connect(gatewayLedger.keyBy(g -> g.deviceId, Types.STRING))
                .process(
                        new LossLedger(
                                cfg.ledgerWindow().toMillis(),
                                cfg.ledgerGrace().toMillis(),
                                cfg.maxLateness().toMillis()))
                .name("loss-ledger")
                .uid("loss-ledger");
    }
}
