package io.fieldline.gateway.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's settings, validated once at start-up by {@link ConfigLoader} (YAML file, then
 * {@code FIELDLINE_*} environment overrides, then command-line options). Grouped by concern; the
 * YAML keys are documented in {@code edge-gateway/config/gateway.yaml}.
 */
public record GatewayConfig(
        String gatewayId,
        Mode mode,
        BridgeSettings bridge,
        MqttSettings mqtt,
        KafkaSettings kafka,
        HttpSettings http,
        ValidationSettings validation,
        List<FilterRule> filters,
        int dedupWindow,
        AggregationSettings aggregation,
        OutboxSettings outbox) {

    /** Ingress: run an MQTT server, or subscribe to a site's existing broker. */
    public enum Mode {
        SERVER,
        BRIDGE
    }

    /**
     * Bridge mode: the broker to subscribe to with a persistent session, the topic filter, and the
     * shared-subscription group (empty: a plain subscription) so several gateways can split load.
     */
    public record BridgeSettings(
            String host, int port, String clientId, String topicFilter, String shareGroup) {
        public String subscription() {
            return shareGroup.isEmpty() ? topicFilter : "$share/" + shareGroup + "/" + topicFilter;
        }
    }

    /** How payloads are decoded when the MQTT 5 content type does not say. */
    public enum PayloadFormat {
        AUTO,
        JSON,
        PROTOBUF
    }

    /** MQTT listener, limits and topic scheme ({@code <topicPrefix>{deviceId}<topicSuffix>}). */
    public record MqttSettings(
            String host,
            int port,
            int maxMessageBytes,
            int connectTimeoutSeconds,
            int maxKeepAliveSeconds,
            int maxConnections,
            int maxInflightPerConnection,
            String topicPrefix,
            String topicSuffix,
            PayloadFormat payloadFormat) {}

    /** Kafka producer: where, how much to queue in memory, and batching. */
    public record KafkaSettings(
            String bootstrap,
            int sendQueueCapacity,
            long sendTimeoutMs,
            int lingerMs,
            int batchBytes,
            String compression) {}

    /**
     * Store-and-forward disk outbox (on by default, in {@value #DEFAULT_DIR} relative to the
     * working directory): directory, byte bound, fsync policy and period, overflow policy, the
     * drainer's replay rate (records/s, 0 = unbounded), and the percentage of the drainer's sends
     * kept for live records while a backlog is replayed.
     */
    public record OutboxSettings(
            boolean enabled,
            String dir,
            long maxBytes,
            io.fieldline.gateway.outbox.FsyncPolicy fsync,
            long fsyncIntervalMs,
            io.fieldline.gateway.outbox.OverflowPolicy overflow,
            int maxReplayPerSecond,
            int liveSharePercent) {
        public static final int DEFAULT_LIVE_SHARE_PERCENT = 20;

        /** These settings, turned on or off and kept in {@code dir}. */
        public OutboxSettings located(boolean enabled, String dir) {
            return new OutboxSettings(
                    enabled,
                    dir,
                    maxBytes,
                    fsync,
                    fsyncIntervalMs,
                    overflow,
                    maxReplayPerSecond,
                    liveSharePercent);
        }

        /** The outbox directory when {@code outbox.dir} is not set (relative: the working dir). */
        public static final String DEFAULT_DIR = "data/outbox";

        /** With the default live share. */
        public OutboxSettings(
                boolean enabled,
                String dir,
                long maxBytes,
                io.fieldline.gateway.outbox.FsyncPolicy fsync,
                long fsyncIntervalMs,
                io.fieldline.gateway.outbox.OverflowPolicy overflow,
                int maxReplayPerSecond) {
            this(
                    enabled,
                    dir,
                    maxBytes,
                    fsync,
                    fsyncIntervalMs,
                    overflow,
                    maxReplayPerSecond,
                    DEFAULT_LIVE_SHARE_PERCENT);
        }

        public OutboxSettings {
            if (liveSharePercent < 0 || liveSharePercent > 90) {
                throw new ConfigException(
                        "outbox.live-share-percent: '"
                                + liveSharePercent
                                + "' is invalid; allowed: an integer 0..90");
            }
        }
    }

    /** The HTTP server for {@code /metrics}, {@code /health} and {@code /ready}. */
    public record HttpSettings(boolean enabled, String host, int port) {}

    /** Checks beyond syntax: clock skew (0 = off) and the metric allow-list (empty = any). */
    public record ValidationSettings(long maxClockSkewMs, Set<String> allowedMetrics) {}

    /** Event-time tumbling windows of the edge pre-aggregation. */
    public record AggregationSettings(long windowMs, long allowedLatenessMs) {}

    public GatewayConfig {
        filters = List.copyOf(filters);
    }

    /**
     * Defaults for a gateway embedded in another process (tests, the local demo), talking to Kafka
     * on localhost. Unlike the file defaults, {@code /metrics} binds loopback on a free port, so
     * embedding never collides on the operator port 9464. Like the file defaults, the outbox is on
     * in {@value OutboxSettings#DEFAULT_DIR} under the working directory: a process that runs
     * several gateways, or one that should leave nothing on disk, gives each its own {@code
     * outbox.dir} or turns the outbox off ({@link #withOutboxEnabled(boolean)}).
     */
    public static GatewayConfig defaults() {
        return ConfigLoader.fromMap(Map.of(), Map.of())
                .withHttp(new HttpSettings(true, "127.0.0.1", 0));
    }

    /** The defaults an operator gets from an empty YAML file. */
    public static GatewayConfig fileDefaults() {
        return ConfigLoader.fromMap(Map.of(), Map.of());
    }

    public GatewayConfig withMqtt(String host, int port) {
        MqttSettings m = mqtt;
        return withMqtt(
                new MqttSettings(
                        host,
                        port,
                        m.maxMessageBytes(),
                        m.connectTimeoutSeconds(),
                        m.maxKeepAliveSeconds(),
                        m.maxConnections(),
                        m.maxInflightPerConnection(),
                        m.topicPrefix(),
                        m.topicSuffix(),
                        m.payloadFormat()));
    }

    public GatewayConfig withMqtt(MqttSettings m) {
        return new GatewayConfig(
                gatewayId,
                mode,
                bridge,
                m,
                kafka,
                http,
                validation,
                filters,
                dedupWindow,
                aggregation,
                outbox);
    }

    public GatewayConfig withKafka(String bootstrap) {
        KafkaSettings k = kafka;
        return withKafka(
                new KafkaSettings(
                        bootstrap,
                        k.sendQueueCapacity(),
                        k.sendTimeoutMs(),
                        k.lingerMs(),
                        k.batchBytes(),
                        k.compression()));
    }

    public GatewayConfig withBridge(BridgeSettings b) {
        return new GatewayConfig(
                gatewayId,
                Mode.BRIDGE,
                b,
                mqtt,
                kafka,
                http,
                validation,
                filters,
                dedupWindow,
                aggregation,
                outbox);
    }

    public GatewayConfig withKafka(KafkaSettings k) {
        return new GatewayConfig(
                gatewayId,
                mode,
                bridge,
                mqtt,
                k,
                http,
                validation,
                filters,
                dedupWindow,
                aggregation,
                outbox);
    }

    public GatewayConfig withHttp(HttpSettings h) {
        return new GatewayConfig(
                gatewayId,
                mode,
                bridge,
                mqtt,
                kafka,
                h,
                validation,
                filters,
                dedupWindow,
                aggregation,
                outbox);
    }

    public GatewayConfig withValidation(ValidationSettings v) {
        return new GatewayConfig(
                gatewayId,
                mode,
                bridge,
                mqtt,
                kafka,
                http,
                v,
                filters,
                dedupWindow,
                aggregation,
                outbox);
    }

    public GatewayConfig withFilters(List<FilterRule> f, AggregationSettings a) {
        return new GatewayConfig(
                gatewayId, mode, bridge, mqtt, kafka, http, validation, f, dedupWindow, a, outbox);
    }

    public GatewayConfig withOutbox(OutboxSettings o) {
        return new GatewayConfig(
                gatewayId,
                mode,
                bridge,
                mqtt,
                kafka,
                http,
                validation,
                filters,
                dedupWindow,
                aggregation,
                o);
    }

    /** This configuration with the outbox turned on or off, its other outbox settings kept. */
    public GatewayConfig withOutboxEnabled(boolean enabled) {
        return withOutbox(outbox.located(enabled, outbox.dir()));
    }

    /** This configuration with the outbox on, in {@code dir}, its other outbox settings kept. */
    public GatewayConfig withOutboxDir(String dir) {
        return withOutbox(outbox.located(true, dir));
    }

    // Shorthands kept for callers written against the flat skeleton configuration.
    public String mqttHost() {
        return mqtt.host();
    }

    public int mqttPort() {
        return mqtt.port();
    }

    public String kafkaBootstrap() {
        return kafka.bootstrap();
    }

    /** Parses {@code --config FILE} and {@code --key value} options; see {@link ConfigLoader}. */
    public static GatewayConfig parse(String[] args, Map<String, String> env) {
        return ConfigLoader.load(args, env);
    }

    /** A configuration error; the message names the key and the allowed values. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
