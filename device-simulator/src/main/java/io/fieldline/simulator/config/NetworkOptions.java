package io.fieldline.simulator.config;

import java.time.Duration;
import java.util.List;

/**
 * How the simulated devices behave on the network: connection ramp-up and its concurrency, random
 * disconnects, duplicate, out-of-order and late publishes, clock skew, MQTT version and QoS are
 * chosen elsewhere; payload format; the local source addresses to spread connections over (each
 * address has its own ephemeral port range).
 *
 * @param rampUp devices connect at seeded random times within this; zero connects them as fast as
 *     {@code connectConcurrency} allows
 * @param disconnectsPerHour the expected number of random disconnects per device per hour
 * @param lateProbability the share of publishes held back by {@code lateBy} (event time kept)
 * @param clockSkew each device's clock is off by a seeded amount within plus or minus this
 * @param sparkplug the Sparkplug B group and whether DDATA names metrics by alias (used with {@link
 *     PayloadFormat#SPARKPLUG} only)
 */
public record NetworkOptions(
        Duration rampUp,
        int connectConcurrency,
        double disconnectsPerHour,
        Duration reconnectDelay,
        double duplicateProbability,
        double reorderProbability,
        double lateProbability,
        Duration lateBy,
        Duration clockSkew,
        int mqttVersion,
        PayloadFormat payload,
        List<String> localAddresses,
        int maxInflight,
        Sparkplug sparkplug) {

    /** How readings are encoded on the wire. */
    public enum PayloadFormat {
        JSON,
        PROTOBUF,
        /** Sparkplug B: NBIRTH/DBIRTH after each connect, then DDATA. */
        SPARKPLUG
    }

    /** Sparkplug B settings: the group id of every edge node, and DDATA by alias or by name. */
    public record Sparkplug(String group, boolean aliases) {
        public Sparkplug {
            if (group.isEmpty()
                    || group.contains("/")
                    || group.contains("+")
                    || group.contains("#")) {
                throw new IllegalArgumentException(
                        "--sparkplug-group must be a non-empty topic level, got '" + group + "'");
            }
        }

        public static Sparkplug defaults() {
            return new Sparkplug("fieldline", true);
        }
    }

    /** The original form, with the default Sparkplug settings. */
    public NetworkOptions(
            Duration rampUp,
            int connectConcurrency,
            double disconnectsPerHour,
            Duration reconnectDelay,
            double duplicateProbability,
            double reorderProbability,
            double lateProbability,
            Duration lateBy,
            Duration clockSkew,
            int mqttVersion,
            PayloadFormat payload,
            List<String> localAddresses,
            int maxInflight) {
        this(
                rampUp,
                connectConcurrency,
                disconnectsPerHour,
                reconnectDelay,
                duplicateProbability,
                reorderProbability,
                lateProbability,
                lateBy,
                clockSkew,
                mqttVersion,
                payload,
                localAddresses,
                maxInflight,
                Sparkplug.defaults());
    }

    /** The same options with another payload format and Sparkplug settings. */
    public NetworkOptions withPayload(PayloadFormat format, Sparkplug settings) {
        return new NetworkOptions(
                rampUp,
                connectConcurrency,
                disconnectsPerHour,
                reconnectDelay,
                duplicateProbability,
                reorderProbability,
                lateProbability,
                lateBy,
                clockSkew,
                mqttVersion,
                format,
                localAddresses,
                maxInflight,
                settings);
    }

    public NetworkOptions {
        localAddresses = List.copyOf(localAddresses);
        probability("--duplicates", duplicateProbability);
        probability("--reorder", reorderProbability);
        probability("--late", lateProbability);
        if (mqttVersion != 3 && mqttVersion != 5) {
            throw new IllegalArgumentException("--mqtt-version must be 3 or 5, got " + mqttVersion);
        }
        if (connectConcurrency < 1) {
            throw new IllegalArgumentException("--connect-concurrency must be >= 1");
        }
        if (disconnectsPerHour < 0) {
            throw new IllegalArgumentException("--disconnects-per-hour must be >= 0");
        }
    }

    public static NetworkOptions defaults() {
        return new NetworkOptions(
                Duration.ZERO,
                100,
                0,
                Duration.ofSeconds(2),
                0,
                0,
                0,
                Duration.ofSeconds(30),
                Duration.ZERO,
                3,
                PayloadFormat.JSON,
                List.of(),
                1000);
    }

    private static void probability(String key, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(key + " must be a probability in [0, 1], got " + p);
        }
    }
}
