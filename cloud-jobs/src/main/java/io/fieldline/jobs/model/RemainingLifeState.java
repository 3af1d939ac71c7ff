package io.fieldline.jobs.model;

import io.fieldline.analytics.rul.RemainingLifeEstimator;

/** Keyed state of predictive maintenance for one device: the estimator and the alerted step. */
public class RemainingLifeState {
    public RemainingLifeEstimator estimator;

    /** 0 = healthy, 1..3 = the worst severity step alerted in the current episode. */
    public int alertedStep;

    public RemainingLifeState() {}
}
