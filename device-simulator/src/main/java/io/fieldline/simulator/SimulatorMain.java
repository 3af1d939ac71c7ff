package io.fieldline.simulator;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Entry point: {@code SimulatorMain --host localhost --port 1883 --devices 10 --rate 100 --seed 42
 * --duration 60s}.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) throws Exception {
        SimulatorConfig cfg = SimulatorConfig.defaults("localhost", 1883);
        Duration duration = Duration.ofSeconds(60);
        String host = cfg.mqttHost();
        int port = cfg.mqttPort();
        int devices = cfg.devices();
        double rate = cfg.ratePerSecond();
        long seed = cfg.seed();
        try {
            for (int i = 0; i < args.length; i += 2) {
                String key = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(key + " needs a value");
                }
                String v = args[i + 1];
                switch (key) {
                    case "--host" -> host = v;
                    case "--port" -> port = Integer.parseInt(v);
                    case "--devices" -> devices = Integer.parseInt(v);
                    case "--rate" -> rate = Double.parseDouble(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--duration" -> duration = Durations.parse(v);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option "
                                            + key
                                            + "; known: --host --port --devices --rate --seed --duration");
                }
            }
            cfg =
                    new SimulatorConfig(
                            host, port, devices, rate, seed, cfg.qos(), cfg.spikeEvery(), "dev-");
        } catch (IllegalArgumentException e) {
            System.err.println("fieldline simulate: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        Simulator sim = new Simulator(vertx, cfg);
        sim.start().await();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            System.out.printf(
                    "sent=%d acked=%d errors=%d spikes=%d%n",
                    sim.sent(), sim.acked(), sim.errors(), sim.spikes());
        }
        sim.stop().eventually(vertx::close).await();
    }
}
