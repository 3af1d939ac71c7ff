package io.fieldline.simulator.load;

import io.fieldline.simulator.model.DeviceSource;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.model.Fleet;
import io.fieldline.simulator.model.FleetSpec;
import java.util.List;

/**
 * What the simulator publishes: a set of named devices whose readings start at a given epoch time,
 * and the ground truth of the faults they contain.
 */
public interface Workload {
    List<String> deviceIds();

    /** The devices' sources, in the order of {@link #deviceIds()}, for a run starting then. */
    List<DeviceSource> begin(long startEpochMs);

    /** The labelled faults that start before {@code untilMs}; call after {@link #begin}. */
    List<Fault> groundTruth(long untilMs);

    /** A simulated fleet. */
    static Workload fleet(FleetSpec spec) {
        return new Workload() {
            private Fleet fleet;

            @Override
            public List<String> deviceIds() {
                return java.util.stream.IntStream.range(0, spec.devices())
                        .mapToObj(spec::deviceId)
                        .toList();
            }

            @Override
            public List<DeviceSource> begin(long startEpochMs) {
                fleet = Fleet.create(spec, startEpochMs);
                return fleet.devices();
            }

            @Override
            public List<Fault> groundTruth(long untilMs) {
                return fleet == null ? List.of() : fleet.groundTruth(untilMs);
            }
        };
    }
}
