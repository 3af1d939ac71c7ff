package io.fieldline.analytics.bench;

/**
 * Runs the JMH benchmarks from the test classpath (see analytics/README.md for the command), so
 * they never slow down {@code ./mvnw verify}.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {"DetectorBenchmark"});
    }
}
