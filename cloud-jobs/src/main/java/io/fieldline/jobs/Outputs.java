package io.fieldline.jobs;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.jobs.model.WindowResult;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The streams the workflow produces; the job plugs Kafka sinks onto them, tests collect them. */
public record Outputs(
        DataStream<WindowResult> aggregates,
        DataStream<AlertEvent> alerts,
        DataStream<DeadLetterRecord> deadLetters,
        DataStream<LedgerRecord> ledger) {}
