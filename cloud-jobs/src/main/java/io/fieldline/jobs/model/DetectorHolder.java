package io.fieldline.jobs.model;

import io.fieldline.analytics.detect.BaseDetector;
import io.fieldline.analytics.detect.DropoutDetector;
import io.fieldline.analytics.detect.EnsembleDetector;
import io.fieldline.analytics.detect.RateOfChangeDetector;
import io.fieldline.analytics.detect.RobustZScoreDetector;
import io.fieldline.analytics.detect.SeasonalDetector;
import io.fieldline.analytics.detect.StuckDetector;
import io.fieldline.analytics.detect.WindowedGaussianDetector;

/**
 * One analytics detector in keyed state. Flink's POJO serializer needs concrete field types, so the
 * holder has one field per detector class and exactly one is set — no Kryo for polymorphism.
 */
public class DetectorHolder {
    public WindowedGaussianDetector windowedGaussian;
    public RobustZScoreDetector robustZ;
    public SeasonalDetector seasonal;
    public RateOfChangeDetector rateOfChange;
    public StuckDetector stuck;
    public DropoutDetector dropout;
    public EnsembleDetector ensemble;

    public DetectorHolder() {}

    public static DetectorHolder of(BaseDetector d) {
        DetectorHolder h = new DetectorHolder();
        if (d instanceof WindowedGaussianDetector x) {
            h.windowedGaussian = x;
        } else if (d instanceof RobustZScoreDetector x) {
            h.robustZ = x;
        } else if (d instanceof SeasonalDetector x) {
            h.seasonal = x;
        } else if (d instanceof RateOfChangeDetector x) {
            h.rateOfChange = x;
        } else if (d instanceof StuckDetector x) {
            h.stuck = x;
        } else if (d instanceof DropoutDetector x) {
            h.dropout = x;
        } else if (d instanceof EnsembleDetector x) {
            h.ensemble = x;
        } else {
            throw new IllegalArgumentException("no state slot for " + d.getClass().getName());
        }
        return h;
    }

    public BaseDetector get() {
        BaseDetector[] all = {
            windowedGaussian, robustZ, seasonal, rateOfChange, stuck, dropout, ensemble
        };
        for (BaseDetector d : all) {
            if (d != null) {
                return d;
            }
        }
        throw new IllegalStateException("empty detector holder");
    }
}
