package io.fieldline.simulator.model;

import java.util.List;

/**
 * What fleet to simulate: size and naming, the seed, the aggregate rate (every device reports each
 * {@code devices / rate} seconds), the length of a simulated day, the faults to inject over the
 * horizon and the recurring demo spike.
 *
 * @param assets the asset types to use, in turn; empty for the seeded default mix
 * @param horizonMs how long the run lasts, for placing faults; 0 when unbounded (no planned faults)
 * @param spikeEveryMs the recurring temperature spike's period; 0 for none
 */
public record FleetSpec(
        int devices,
        String prefix,
        long seed,
        double ratePerSecond,
        long dayMs,
        List<AssetType> assets,
        List<FaultKind> faultKinds,
        double faultFraction,
        long horizonMs,
        long spikeEveryMs) {

    public FleetSpec {
        assets = List.copyOf(assets);
        faultKinds = List.copyOf(faultKinds);
        if (dayMs <= 0) {
            throw new IllegalArgumentException("--day-length must be > 0");
        }
        if (faultFraction < 0 || faultFraction > 1) {
            throw new IllegalArgumentException("--fault-fraction must be in [0, 1]");
        }
    }

    public String deviceId(int index) {
        return prefix + String.format("%04d", index);
    }

    /** The interval between two readings of one device, in nanoseconds. */
    public double periodNanos() {
        return devices * 1e9 / ratePerSecond;
    }

    public long periodMs() {
        // Rounded up so a window one period long always holds at least one reading.
        return Math.max(1, (long) Math.ceil(periodNanos() / 1e6));
    }
}
