package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Reading;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Splits the source's union: readings continue, dead letters go to {@link #DEAD_LETTERS}. */
public class RouteInbound extends ProcessFunction<Inbound, Reading> {
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
            new OutputTag<>("dead-letters") {};

    @Override
    public void processElement(Inbound in, Context ctx, Collector<Reading> out) {
        if (in.reading != null) {
            out.collect(in.reading);
        } else if (in.deadLetter != null) {
            ctx.output(DEAD_LETTERS, in.deadLetter);
        }
    }
}
