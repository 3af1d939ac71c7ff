package io.fieldline.simulator;

import io.fieldline.simulator.config.FleetOptions;
import io.fieldline.simulator.config.NetworkOptions;
import io.fieldline.simulator.model.FleetSpec;
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
        String devicePrefix,
        FleetOptions fleet,
        NetworkOptions network) {

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

    /** The original form: default fleet and network behaviour. */
    public SimulatorConfig(
            String mqttHost,
            int mqttPort,
            int devices,
            double ratePerSecond,
            long seed,
            int qos,
            Duration spikeEvery,
            String devicePrefix) {
        this(
                mqttHost,
                mqttPort,
                devices,
                ratePerSecond,
                seed,
                qos,
                spikeEvery,
                devicePrefix,
                FleetOptions.defaults(),
                NetworkOptions.defaults());
    }

    /**
     * 10 devices at 100 msgs/s, QoS 1, and a temperature spike above 80 °C every 15 s (the first
     * 7.5 s after the start), which the demo's threshold alert catches.
     */
    public static SimulatorConfig defaults(String host, int port) {
        return new SimulatorConfig(host, port, 10, 100, 42, 1, Duration.ofSeconds(15), "dev-");
    }

    public SimulatorConfig with(int devices, double rate, long seed) {
        return new SimulatorConfig(
                mqttHost,
                mqttPort,
                devices,
                rate,
                seed,
                qos,
                spikeEvery,
                devicePrefix,
                fleet,
                network);
    }

    public SimulatorConfig with(FleetOptions fleet, NetworkOptions network) {
        return new SimulatorConfig(
                mqttHost,
                mqttPort,
                devices,
                ratePerSecond,
                seed,
                qos,
                spikeEvery,
                devicePrefix,
                fleet,
                network);
    }

    public SimulatorConfig withQos(int qos) {
        return new SimulatorConfig(
                mqttHost,
                mqttPort,
                devices,
                ratePerSecond,
                seed,
                qos,
                spikeEvery,
                devicePrefix,
                fleet,
                network);
    }

    public String deviceId(int index) {
        return devicePrefix + String.format("%04d", index);
    }

    public FleetSpec fleetSpec() {
        return new FleetSpec(
                devices,
                devicePrefix,
                seed,
                ratePerSecond,
                fleet.dayLength().toMillis(),
                fleet.assets(),
                fleet.faultKinds(),
                fleet.faultFraction(),
                fleet.duration().toMillis(),
                spikeEvery.toMillis());
    }
}
