package io.fieldline.api.view;

import io.fieldline.proto.Rule;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The current rules, as the compacted rules topic holds them: latest value per id. */
public final class RuleView {
    private final TreeMap<String, Rule> rules = new TreeMap<>();

    public synchronized void put(Rule rule) {
        rules.put(rule.getRuleId(), rule);
    }

    /** A tombstone: the rule no longer exists. */
    public synchronized void remove(String ruleId) {
        rules.remove(ruleId);
    }

    public synchronized Optional<Rule> get(String ruleId) {
        return Optional.ofNullable(rules.get(ruleId));
    }

    public synchronized List<Rule> all() {
        return List.copyOf(rules.values());
    }
}
