package io.fieldline.simulator;

import io.fieldline.simulator.config.SimulateOptions;
import io.fieldline.simulator.load.ProcessUsage;
import io.fieldline.simulator.load.RunReport;
import io.fieldline.simulator.load.RunStats;
import io.fieldline.simulator.load.Workload;
import io.fieldline.simulator.model.GroundTruth;
import io.fieldline.simulator.replay.CmapssReplay;
import io.fieldline.simulator.replay.NabReplay;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of {@code ./fieldline simulate}: e.g. {@code --devices 1000 --rate 5000 --duration
 * 60s --faults all --seed 7 --truth truth.csv --report report.json}. Prints a progress line every
 * few seconds and a final report; flags are listed in device-simulator/README.md.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) throws Exception {
        SimulateOptions o;
        Workload workload;
        try {
            o = SimulateOptions.parse(args);
            workload = workload(o);
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("fieldline simulate: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        Simulator sim = new Simulator(vertx, o.config(), workload);
        sim.start().await();
        long cpu0 = ProcessUsage.cpuNanos(); // publishing only, not JVM start-up and connects
        long t0 = System.nanoTime();
        long end = t0 + o.duration().toNanos();
        if (o.truthFile() != null) {
            GroundTruth.write(
                    o.truthFile(), sim.groundTruth(sim.startEpochMs() + o.duration().toMillis()));
        }
        progress(sim, o, t0, end);
        double seconds = (System.nanoTime() - t0) / 1e9;
        sim.stop().await();
        RunReport report =
                RunReport.of(
                        workload.deviceIds().size(),
                        o.config().ratePerSecond(),
                        seconds,
                        sim.stats(),
                        (ProcessUsage.cpuNanos() - cpu0) / 1e9);
        vertx.close().await();
        System.out.println(report.text());
        System.out.println(report.json());
        if (o.reportFile() != null) {
            Files.writeString(o.reportFile(), report.json() + "\n");
        }
    }

    private static void progress(Simulator sim, SimulateOptions o, long t0, long end)
            throws InterruptedException {
        RunStats stats = sim.stats();
        long lastSent = 0;
        long last = t0;
        long every = o.progressEvery().toNanos();
        while (System.nanoTime() < end && !sim.finished()) {
            long wake = Math.min(end, last + every);
            Thread.sleep(Math.max(1, (wake - System.nanoTime()) / 1_000_000));
            long now = System.nanoTime();
            RunStats.Snapshot c = stats.snapshot();
            double rate = (c.sent() - lastSent) / ((now - last) / 1e9);
            System.out.println(RunReport.progress((now - t0) / 1e9, c, rate, stats.interval()));
            lastSent = c.sent();
            last = now;
        }
    }

    static Workload workload(SimulateOptions o) throws java.io.IOException {
        if (o.replay() == null) {
            return Workload.fleet(o.config().fleetSpec());
        }
        String[] kindAndFiles = o.replay().split(":", 2);
        if (kindAndFiles.length != 2) {
            throw new IllegalArgumentException(
                    "--replay must be nab:FILE[,FILE...] or cmapss:FILE, got " + o.replay());
        }
        var files = Arrays.stream(kindAndFiles[1].split(",")).map(Path::of).toList();
        return switch (kindAndFiles[0]) {
            case "nab" -> NabReplay.of(files, o.config().devicePrefix(), o.speed());
            case "cmapss" ->
                    CmapssReplay.of(files.get(0), "engine-", o.cycle().toMillis(), o.speed());
            default ->
                    throw new IllegalArgumentException(
                            "--replay kind must be nab or cmapss, got " + kindAndFiles[0]);
        };
    }
}
