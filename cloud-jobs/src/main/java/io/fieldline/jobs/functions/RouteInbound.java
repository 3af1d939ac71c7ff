package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.SeqMark;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits the source's union: readings continue, dead letters go to {@link #DEAD_LETTERS}, sequence
 * marks to {@link #SEQ_MARKS} (the ledger judges their lateness itself), and readings at or behind
 * the watermark go to {@link #LATE} (counted). Deciding lateness once, at the source, means no
 * downstream operator ever sees a late reading: their watermark is never ahead of this one's.
 */
public class RouteInbound extends ProcessFunction<Inbound, Reading> {
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters") {};
    public static final OutputTag<Reading> LATE = new OutputTag<>("late-readings") {};
    public static final OutputTag<SeqMark> SEQ_MARKS = new OutputTag<>("seq-marks") {};
    public static final OutputTag<Partial> EDGE_AGGREGATES = new OutputTag<>("edge-aggregates") {};

    private transient Counter late;
    private transient Counter lateEdge;

    @Override
    public void open(OpenContext ctx) {
        late = getRuntimeContext().getMetricGroup().counter("fieldlineLateReadings");
        lateEdge = getRuntimeContext().getMetricGroup().counter("fieldlineLateEdgeAggregates");
    }

    @Override
    public void processElement(Inbound in, Context ctx, Collector<Reading> out) {
        if (in.reading != null) {
            if (in.reading.eventTimeMs <= ctx.timerService().currentWatermark()) {
                late.inc();
                ctx.output(LATE, in.reading);
            } else {
                out.collect(in.reading);
            }
        } else if (in.edge != null) {
            if (in.edge.timeMs <= ctx.timerService().currentWatermark()) {
                lateEdge.inc();
            } else {
                ctx.output(EDGE_AGGREGATES, in.edge);
            }
        } else if (in.seqMark != null) {
            ctx.output(SEQ_MARKS, in.seqMark);
        } else if (in.deadLetter != null) {
            ctx.output(DEAD_LETTERS, in.deadLetter);
        }
    }
}
