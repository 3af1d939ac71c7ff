package io.fieldline.simulator.replay;

import io.fieldline.simulator.model.DeviceSource;
import io.fieldline.simulator.model.Reading;
import java.util.List;
import java.util.Map;

/**
 * A recorded series replayed as one device: row i is due at its offset from the first row, divided
 * by the speed-up, and carries that offset (not its original date) as event time after the run
 * start, so windows and watermarks see a live stream.
 */
final class TimedSeries implements DeviceSource {
    private final String deviceId;
    private final long[] offsetsMs;
    private final List<Map<String, Double>> rows;
    private final double speed;
    private int next;

    TimedSeries(String deviceId, long[] offsetsMs, List<Map<String, Double>> rows, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed must be > 0, got " + speed);
        }
        this.deviceId = deviceId;
        this.offsetsMs = offsetsMs;
        this.rows = rows;
        this.speed = speed;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public long nextOffsetNanos() {
        return next < offsetsMs.length ? Math.round(offsetsMs[next] * 1e6 / speed) : Long.MAX_VALUE;
    }

    @Override
    public boolean finished() {
        return next >= offsetsMs.length;
    }

    @Override
    public Reading take(long startEpochMs) {
        Reading r = new Reading(startEpochMs + nextOffsetNanos() / 1_000_000, rows.get(next));
        next++;
        return r;
    }

    /** Event time (epoch ms) of a row when the run starts at {@code startEpochMs}. */
    long eventTimeOf(int row, long startEpochMs) {
        return startEpochMs + Math.round(offsetsMs[row] / speed);
    }

    double speed() {
        return speed;
    }

    int size() {
        return offsetsMs.length;
    }
}
