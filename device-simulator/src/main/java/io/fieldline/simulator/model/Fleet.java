package io.fieldline.simulator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated fleet, built from a {@link FleetSpec} and the run's start time: the devices with
 * their asset types and signals, and the ground truth of every fault they will show. Devices are
 * staggered evenly over one period so the aggregate rate is smooth.
 */
public final class Fleet {
    private static final AssetType[] MIX = {
        AssetType.PUMP,
        AssetType.PUMP,
        AssetType.MOTOR,
        AssetType.MOTOR,
        AssetType.COMPRESSOR,
        AssetType.HVAC,
        AssetType.HVAC,
        AssetType.ENVIRONMENT,
        AssetType.ENVIRONMENT
    };

    private final List<DeviceSource> devices;
    private final List<Fault> planned;
    private final PeriodicSpikes spikes;
    private final List<String> ids;

    private Fleet(
            List<DeviceSource> devices,
            List<Fault> planned,
            PeriodicSpikes spikes,
            List<String> ids) {
        this.devices = devices;
        this.planned = planned;
        this.spikes = spikes;
        this.ids = ids;
    }

    public static Fleet create(FleetSpec spec, long startMs) {
        List<String> ids = new ArrayList<>();
        List<AssetType> types = new ArrayList<>();
        SplittableRandom pick = new SplittableRandom(spec.seed() ^ 0xA55E7L);
        for (int i = 0; i < spec.devices(); i++) {
            ids.add(spec.deviceId(i));
            types.add(
                    spec.assets().isEmpty()
                            ? MIX[pick.nextInt(MIX.length)]
                            : spec.assets().get(i % spec.assets().size()));
        }
        List<Fault> planned =
                FaultPlan.plan(
                        ids,
                        types,
                        spec.seed(),
                        startMs,
                        spec.horizonMs(),
                        spec.periodMs(),
                        spec.faultKinds(),
                        spec.faultFraction());
        PeriodicSpikes spikes =
                spec.spikeEveryMs() > 0
                        ? new PeriodicSpikes(
                                startMs,
                                spec.spikeEveryMs(),
                                spec.periodMs(),
                                spec.devices(),
                                spec.seed())
                        : null;
        List<DeviceSource> devices = new ArrayList<>();
        for (int i = 0; i < spec.devices(); i++) {
            String id = ids.get(i);
            List<Fault> own = planned.stream().filter(f -> f.deviceId().equals(id)).toList();
            AssetSignal signal =
                    new AssetSignal(types.get(i), spec.seed() * 1_000_003L + i, spec.dayMs(), own);
            long phase = Math.round(spec.periodNanos() * i / spec.devices());
            devices.add(new FleetDevice(id, i, signal, spikes, phase, spec.periodNanos()));
        }
        return new Fleet(List.copyOf(devices), planned, spikes, List.copyOf(ids));
    }

    public List<DeviceSource> devices() {
        return devices;
    }

    /** Every labelled fault that starts before {@code untilMs}, including recurring spikes. */
    public List<Fault> groundTruth(long untilMs) {
        List<Fault> all = new ArrayList<>();
        planned.stream().filter(f -> f.startMs() < untilMs).forEach(all::add);
        if (spikes != null) {
            all.addAll(spikes.labels(ids, untilMs));
        }
        return all;
    }

    /** One asset of the fleet, reading at its evenly staggered slots. */
    private static final class FleetDevice implements DeviceSource {
        private final String id;
        private final int index;
        private final AssetSignal signal;
        private final PeriodicSpikes spikes;
        private final long phaseNanos;
        private final double periodNanos;
        private long n;

        FleetDevice(
                String id,
                int index,
                AssetSignal signal,
                PeriodicSpikes spikes,
                long phaseNanos,
                double periodNanos) {
            this.id = id;
            this.index = index;
            this.signal = signal;
            this.spikes = spikes;
            this.phaseNanos = phaseNanos;
            this.periodNanos = periodNanos;
        }

        @Override
        public String deviceId() {
            return id;
        }

        @Override
        public long nextOffsetNanos() {
            return phaseNanos + Math.round(n * periodNanos);
        }

        @Override
        public boolean finished() {
            return false;
        }

        @Override
        public Reading take(long startEpochMs) {
            long t = startEpochMs + nextOffsetNanos() / 1_000_000;
            n++;
            boolean spike = spikes != null && spikes.isSpike(index, t);
            var metrics = signal.next(t, spike);
            return metrics == null ? null : new Reading(t, metrics);
        }
    }
}
