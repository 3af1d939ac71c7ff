package io.fieldline.analytics.detect;

import io.fieldline.analytics.aggregate.QuantileSketch;
import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.analytics.rul.LinearHealthModel;
import io.fieldline.analytics.rul.RemainingLifeEstimator;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every class an operator keeps in state is serialised by Flink as a POJO (no Kryo). */
class PojoSerializationTest {
    @ParameterizedTest
    @ValueSource(
            classes = {
                WindowedGaussianDetector.class,
                RobustZScoreDetector.class,
                SeasonalDetector.class,
                RateOfChangeDetector.class,
                StuckDetector.class,
                DropoutDetector.class,
                EnsembleDetector.class,
                AlertGate.class,
                RobustEwma.class,
                RemainingLifeEstimator.class,
                LinearHealthModel.class,
                Stats.class,
                QuantileSketch.class
            })
    void stateIsAFlinkPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
