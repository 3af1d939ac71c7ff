package io.fieldline.jobs;

import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.RuleRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * The streams the workflow consumes: inbound telemetry (no watermarks: each device keeps its own
 * clock), rule changes and the gateways' ledger reports (both without event time of their own).
 */
public record Inputs(
        DataStream<Inbound> inbound,
        DataStream<RuleRecord> rules,
        DataStream<LedgerRecord> gatewayLedger) {

    /** Telemetry only: no dynamic rules and no gateway reports (tests, replays). */
    public static Inputs of(DataStream<Inbound> inbound) {
        return new Inputs(
                inbound, none(inbound, RuleRecord.class), none(inbound, LedgerRecord.class));
    }

    public Inputs withRules(DataStream<RuleRecord> rules) {
        return new Inputs(inbound, rules, gatewayLedger);
    }

    public Inputs withGatewayLedger(DataStream<LedgerRecord> gatewayLedger) {
        return new Inputs(inbound, rules, gatewayLedger);
    }

    /** An empty stream derived from the input (fromData rejects an empty collection). */
    private static <T> DataStream<T> none(DataStream<Inbound> inbound, Class<T> type) {
        return inbound.flatMap((Inbound in, Collector<T> out) -> {})
                .returns(TypeInformation.of(type))
                .name("no-" + type.getSimpleName());
    }
}
