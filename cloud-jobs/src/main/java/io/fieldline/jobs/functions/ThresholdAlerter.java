package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Fixed per-metric threshold alerts, debounced: the first reading above the threshold opens an
 * episode and raises one THRESHOLD alert; further readings above it stay silent; the first reading
 * at or below it closes the episode (and clears the state). Expects readings of one device/metric
 * in event-time order (see {@link EventTimeSorter}).
 */
public class ThresholdAlerter extends KeyedProcessFunction<String, Reading, AlertEvent> {
    private final Map<String, Double> thresholds;
    private transient ValueState<Boolean> inEpisode;

    public ThresholdAlerter(Map<String, Double> thresholds) {
        this.thresholds = new HashMap<>(thresholds);
    }

    @Override
    public void open(OpenContext ctx) {
        inEpisode =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("threshold-episode", Types.BOOLEAN));
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<AlertEvent> out) throws Exception {
        Double threshold = thresholds.get(r.metric);
        if (threshold == null) {
            return;
        }
        if (r.value <= threshold) {
            inEpisode.clear();
            return;
        }
        if (inEpisode.value() != null) {
            return;
        }
        inEpisode.update(true);
        out.collect(alert(r, threshold));
    }

    static AlertEvent alert(Reading r, double threshold) {
        String ruleId = "threshold:" + r.metric + ">" + threshold;
        AlertEvent a =
                AlertEvent.create(
                        r.deviceId,
                        r.metric,
                        AlertKind.THRESHOLD,
                        Severity.WARNING,
                        r.eventTimeMs,
                        ruleId);
        a.value = r.value;
        a.score = r.value - threshold;
        a.message =
                String.format(
                        "%s of %s is %s, above the threshold %s",
                        r.metric, r.deviceId, r.value, threshold);
        a.evidence.put("threshold", Double.toString(threshold));
        a.evidence.put("seq", Long.toString(r.seq));
        return a;
    }
}
