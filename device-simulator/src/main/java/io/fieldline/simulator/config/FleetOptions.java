package io.fieldline.simulator.config;

import io.fieldline.simulator.model.AssetType;
import io.fieldline.simulator.model.FaultKind;
import java.time.Duration;
import java.util.List;

/**
 * What the fleet looks like beyond its size: asset types, the simulated day's length, which faults
 * to inject into which share of the devices, and how long the run lasts (faults are placed inside
 * it; zero means unbounded and only the recurring spike is injected).
 */
public record FleetOptions(
        List<AssetType> assets,
        Duration dayLength,
        List<FaultKind> faultKinds,
        double faultFraction,
        Duration duration) {

    public FleetOptions {
        assets = List.copyOf(assets);
        faultKinds = List.copyOf(faultKinds);
    }

    public static FleetOptions defaults() {
        return new FleetOptions(List.of(), Duration.ofDays(1), List.of(), 0.2, Duration.ZERO);
    }

    public FleetOptions withDuration(Duration d) {
        return new FleetOptions(assets, dayLength, faultKinds, faultFraction, d);
    }
}
