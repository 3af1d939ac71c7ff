package io.fieldline.jobs.functions;

import io.fieldline.jobs.model.AlertEvent;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.RuleRecord;
import io.fieldline.jobs.model.RuleState;
import io.fieldline.jobs.model.RuleStates;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the rules that match each device/metric on its readings (in event-time order). Rules
 * come from the job configuration and from the {@code fieldline.rules} topic as broadcast state, so
 * thresholds, detectors and patterns change without a restart; a changed rule starts from fresh
 * state, a deleted one's state is dropped with the next reading of each series.
 */
public class RuleEngine
        extends KeyedBroadcastProcessFunction<String, Reading, RuleRecord, AlertEvent> {
    public static final MapStateDescriptor<String, RuleRecord> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, Types.POJO(RuleRecord.class));
    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);

    private final Map<String, RuleRecord> staticRules = new LinkedHashMap<>();
    private transient ValueState<RuleStates> states;
    private transient Map<String, Pattern> globs;

    /** Static and broadcast rules merged; rebuilt after a rule change (or a restore). */
    private transient Map<String, RuleRecord> active;

    public RuleEngine(List<RuleRecord> staticRules) {
        staticRules.forEach(
                r -> {
                    RuleEvaluator.validate(r); // a bad --threshold or --detector fails at start
                    this.staticRules.put(r.ruleId, r);
                });
    }

    @Override
    public void open(OpenContext ctx) {
        states =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "rule-states", Types.POJO(RuleStates.class)));
        globs = new HashMap<>();
    }

    @Override
    public void processBroadcastElement(RuleRecord rule, Context ctx, Collector<AlertEvent> out)
            throws Exception {
        BroadcastState<String, RuleRecord> rules = ctx.getBroadcastState(RULES);
        active = null;
        if (rule.deleted || !rule.enabled) {
            rules.remove(rule.ruleId);
            return;
        }
        try {
            RuleEvaluator.validate(rule);
            rules.put(rule.ruleId, rule);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring rule {}: {}", rule.ruleId, e.getMessage());
        }
    }

    @Override
    public void processElement(Reading r, ReadOnlyContext ctx, Collector<AlertEvent> out)
            throws Exception {
        if (active == null) {
            active = new LinkedHashMap<>(staticRules);
            for (Map.Entry<String, RuleRecord> e :
                    ctx.getBroadcastState(RULES).immutableEntries()) {
                active.put(e.getKey(), e.getValue());
            }
        }
        Map<String, RuleRecord> active = this.active;
        RuleStates st = states.value();
        Map<String, RuleState> byRule = st == null ? new HashMap<>() : st.byRule;
        byRule.keySet().removeIf(id -> !active.containsKey(id));
        for (RuleRecord rule : active.values()) {
            if (!matches(rule.deviceGlob, r.deviceId) || !matches(rule.metricGlob, r.metric)) {
                continue;
            }
            RuleState rs = byRule.get(rule.ruleId);
            if (rs == null || !rule.version().equals(rs.version)) {
                rs = RuleState.forRule(rule);
            }
            AlertEvent alert = RuleEvaluator.evaluate(rule, rs, r);
            if (RuleEvaluator.isIdle(rs)) {
                byRule.remove(rule.ruleId);
            } else {
                byRule.put(rule.ruleId, rs);
            }
            if (alert != null) {
                out.collect(alert);
            }
        }
        store(st, byRule);
    }

    private void store(RuleStates previous, Map<String, RuleState> byRule) throws Exception {
        if (byRule.isEmpty()) {
            if (previous != null) {
                states.clear(); // a delete only when there was state: most series hold none
            }
            return;
        }
        RuleStates st = new RuleStates();
        st.byRule = byRule;
        states.update(st);
    }

    private boolean matches(String glob, String value) {
        if (glob == null || glob.equals("*")) {
            return true;
        }
        return globs.computeIfAbsent(glob, RuleEngine::compile).matcher(value).matches();
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (Iterator<Integer> it = glob.chars().iterator(); it.hasNext(); ) {
            char c = (char) (int) it.next();
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
