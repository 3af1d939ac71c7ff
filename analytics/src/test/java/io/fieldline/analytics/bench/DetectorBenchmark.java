package io.fieldline.analytics.bench;

import io.fieldline.analytics.detect.BaseDetector;
import io.fieldline.analytics.detect.Detectors;
import java.util.Map;
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
 * Nanoseconds per {@code update} of every detector on a noisy daily-seasonal signal with occasional
 * spikes, one reading a minute. Run with {@link BenchmarkMain}; results go in analytics/README.md,
 * never into test assertions.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DetectorBenchmark {
    private static final int SIZE = 1 << 16;

    @Param({
        "windowedGaussian",
        "robustZ",
        "seasonal",
        "rateOfChange",
        "stuck",
        "dropout",
        "ensemble"
    })
    public String detector;

    private BaseDetector d;
    private final double[] values = new double[SIZE];
    private int i;
    private long t;

    @Setup
    public void setUp() {
        d = Detectors.create(detector, Map.of());
        Random r = new Random(1);
        for (int k = 0; k < SIZE; k++) {
            double daily = Math.sin(2 * Math.PI * k / 1440.0);
            values[k] = 50 + 10 * daily + r.nextGaussian() + (r.nextInt(500) == 0 ? 20 : 0);
        }
    }

    @Benchmark
    public double update() {
        t += 60_000;
        return d.update(t, values[i++ & (SIZE - 1)]);
    }
}
