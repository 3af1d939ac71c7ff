package io.fieldline.simulator.net;

import io.fieldline.simulator.config.NetworkOptions;
import java.util.SplittableRandom;

/**
 * Seeded decisions about misbehaving devices: whether a publish goes out twice, swaps places with
 * the device's next one, or is held back to arrive late; each device's clock skew; when to drop a
 * connection and how long to wait before reconnecting.
 */
public final class NetworkChaos {
    /** What to do with one publish. */
    public enum Action {
        NORMAL,
        DUPLICATE,
        REORDER,
        LATE
    }

    private final NetworkOptions options;
    private final SplittableRandom random;
    private final long seed;

    public NetworkChaos(NetworkOptions options, long seed) {
        this.options = options;
        this.seed = seed;
        this.random = new SplittableRandom(seed ^ 0xC4A05L);
    }

    public Action next() {
        double u = random.nextDouble();
        if ((u -= options.duplicateProbability()) < 0) {
            return Action.DUPLICATE;
        }
        if ((u -= options.reorderProbability()) < 0) {
            return Action.REORDER;
        }
        if ((u - options.lateProbability()) < 0) {
            return Action.LATE;
        }
        return Action.NORMAL;
    }

    /** The device's fixed clock error in ms, within plus or minus the configured skew. */
    public long skewMs(int deviceIndex) {
        long max = options.clockSkew().toMillis();
        if (max == 0) {
            return 0;
        }
        return new SplittableRandom(seed * 31 + deviceIndex).nextLong(-max, max + 1);
    }

    public boolean rampsUp() {
        return !options.rampUp().isZero();
    }

    /** Seeded connect time within the ramp-up, so devices do not all connect at once. */
    public long rampDelayMs() {
        long ramp = options.rampUp().toMillis();
        return ramp == 0 ? 0 : random.nextLong(ramp);
    }

    /** Whether a connected device drops its connection within the next {@code intervalMs}. */
    public boolean disconnectNow(long intervalMs) {
        double p = options.disconnectsPerHour() * intervalMs / 3_600_000.0;
        return p > 0 && random.nextDouble() < p;
    }

    /** Reconnect back-off with jitter: between half and one and a half times the delay. */
    public long reconnectDelayMs() {
        long d = Math.max(1, options.reconnectDelay().toMillis());
        return d / 2 + random.nextLong(d + 1);
    }
}
