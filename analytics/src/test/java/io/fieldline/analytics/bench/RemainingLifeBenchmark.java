package io.fieldline.analytics.bench;

import io.fieldline.analytics.rul.RemainingLifeEstimator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per update of the remaining-life estimator (window 20, trend extrapolation), robust
 * and least squares.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RemainingLifeBenchmark {
    private static final int SIZE = 1 << 16;

    /** Theil-Sen (the default) or least squares. */
    @Param({"true", "false"})
    public boolean robust;

    private final double[] values = new double[SIZE];
    private RemainingLifeEstimator rul;
    private int i;
    private long t;

    @Setup
    public void setUp() {
        rul = new RemainingLifeEstimator(20, 0, 0, 1e9, 100);
        rul.robust = robust;
        Random r = new Random(1);
        for (int k = 0; k < SIZE; k++) {
            values[k] = 1 - (k % 1000) / 1000.0 + 0.01 * r.nextGaussian();
        }
    }

    @Benchmark
    public double update() {
        t += 1;
        return rul.update(t, values[i++ & (SIZE - 1)]).remaining();
    }
}
