package io.fieldline.simulator.model;

import java.util.Map;

/** One device reading: its event time (epoch ms) and metric values, in a stable order. */
public record Reading(long eventTimeMs, Map<String, Double> metrics) {}
