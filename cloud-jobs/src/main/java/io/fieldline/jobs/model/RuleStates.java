package io.fieldline.jobs.model;

import java.util.HashMap;
import java.util.Map;

/**
 * All rule states of one device/metric in one value, so a reading costs one state read and one
 * write whatever the number of rules (a map-state scan per reading would be far slower on RocksDB).
 */
public class RuleStates {
    public Map<String, RuleState> byRule = new HashMap<>();

    public RuleStates() {}
}
