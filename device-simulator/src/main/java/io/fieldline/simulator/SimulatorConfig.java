package io.fieldline.simulator;

import java.time.Duration;

/**
 * Settings of one simulator run.
 *
 * @param spikeEvery how often one device (chosen by the seed) sends a temperature spike; zero for
 *     none
 */
public record SimulatorConfig(
        String mqttHost,
        int mqttPort,
        int devices,
        double ratePerSecond,
        long seed,
        int qos,
        Duration spikeEvery,
        String devicePrefix) {

    public SimulatorConfig {
        if (devices < 1) {
            throw new IllegalArgumentException("--devices must be >= 1, got " + devices);
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("--rate must be > 0 msgs/s, got " + ratePerSecond);
        }
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("--qos must be 0 or 1, got " + qos);
        }
    }

    public static SimulatorConfig defaults(String host, int port) {
        return new SimulatorConfig(host, port, 10, 100, 42, 1, Duration.ofSeconds(15), "dev-");
    }

    public SimulatorConfig with(int devices, double rate, long seed) {
        return new SimulatorConfig(
                mqttHost, mqttPort, devices, rate, seed, qos, spikeEvery, devicePrefix);
    }

    public String deviceId(int index) {
        return devicePrefix + String.format("%04d", index);
    }
}
