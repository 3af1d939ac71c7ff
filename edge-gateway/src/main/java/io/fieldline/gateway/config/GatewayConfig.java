package io.fieldline.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * The gateway's settings, validated once at start-up. Read from {@code --key value} arguments, each
 * overridable by a {@code FIELDLINE_*} environment variable (e.g. {@code
 * FIELDLINE_KAFKA_BOOTSTRAP}); an unknown key or a bad value fails fast naming the key.
 */
public record GatewayConfig(
        String gatewayId,
        String mqttHost,
        int mqttPort,
        int maxMessageBytes,
        int connectTimeoutSeconds,
        String topicPrefix,
        String topicSuffix,
        String kafkaBootstrap,
        int sendQueueCapacity,
        long sendTimeoutMs) {

    public static final List<String> KEYS =
            List.of(
                    "gateway-id",
                    "mqtt-host",
                    "mqtt-port",
                    "max-message-bytes",
                    "connect-timeout-seconds",
                    "topic-prefix",
                    "topic-suffix",
                    "kafka-bootstrap",
                    "send-queue-capacity",
                    "send-timeout-ms");

    public GatewayConfig {
        require(!gatewayId.isBlank(), "gateway-id", gatewayId, "a non-empty id");
        require(mqttPort >= 0 && mqttPort <= 65535, "mqtt-port", mqttPort, "0..65535");
        require(maxMessageBytes >= 64, "max-message-bytes", maxMessageBytes, ">= 64");
        require(
                connectTimeoutSeconds >= 1,
                "connect-timeout-seconds",
                connectTimeoutSeconds,
                ">= 1");
        require(!kafkaBootstrap.isBlank(), "kafka-bootstrap", kafkaBootstrap, "host:port[,...]");
        require(sendQueueCapacity >= 1, "send-queue-capacity", sendQueueCapacity, ">= 1");
        require(sendTimeoutMs >= 1000, "send-timeout-ms", sendTimeoutMs, ">= 1000");
    }

    /** Defaults for a gateway on one edge box, talking to Kafka on localhost. */
    public static GatewayConfig defaults() {
        return new GatewayConfig(
                "gw-1",
                "0.0.0.0",
                1883,
                64 * 1024,
                10,
                "fieldline/",
                "/telemetry",
                "localhost:9092",
                10_000,
                30_000);
    }

    public GatewayConfig withMqtt(String host, int port) {
        return new GatewayConfig(
                gatewayId,
                host,
                port,
                maxMessageBytes,
                connectTimeoutSeconds,
                topicPrefix,
                topicSuffix,
                kafkaBootstrap,
                sendQueueCapacity,
                sendTimeoutMs);
    }

    public GatewayConfig withKafka(String bootstrap) {
        return new GatewayConfig(
                gatewayId,
                mqttHost,
                mqttPort,
                maxMessageBytes,
                connectTimeoutSeconds,
                topicPrefix,
                topicSuffix,
                bootstrap,
                sendQueueCapacity,
                sendTimeoutMs);
    }

    /** Parses {@code --key value} pairs over the defaults, then FIELDLINE_* overrides. */
    public static GatewayConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + a + "'; expected --key value");
            }
            String key = a.substring(2);
            if (!KEYS.contains(key)) {
                throw new ConfigException("unknown option --" + key + "; known: " + KEYS);
            }
            if (i + 1 >= args.length) {
                throw new ConfigException("option --" + key + " needs a value");
            }
            values.put(key, args[++i]);
        }
        for (String key : KEYS) {
            String envName = "FIELDLINE_" + key.toUpperCase().replace('-', '_');
            if (env.containsKey(envName)) {
                values.put(key, env.get(envName));
            }
        }
        return fromMap(values);
    }

    static GatewayConfig fromMap(Map<String, String> v) {
        GatewayConfig d = defaults();
        return new GatewayConfig(
                v.getOrDefault("gateway-id", d.gatewayId()),
                v.getOrDefault("mqtt-host", d.mqttHost()),
                intOf(v, "mqtt-port", d.mqttPort()),
                intOf(v, "max-message-bytes", d.maxMessageBytes()),
                intOf(v, "connect-timeout-seconds", d.connectTimeoutSeconds()),
                v.getOrDefault("topic-prefix", d.topicPrefix()),
                v.getOrDefault("topic-suffix", d.topicSuffix()),
                v.getOrDefault("kafka-bootstrap", d.kafkaBootstrap()),
                intOf(v, "send-queue-capacity", d.sendQueueCapacity()),
                intOf(v, "send-timeout-ms", (int) d.sendTimeoutMs()));
    }

    private static int intOf(Map<String, String> v, String key, int dflt) {
        String s = v.get(key);
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + s + "' is not an integer");
        }
    }

    private static void require(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw new ConfigException(key + ": '" + value + "' is invalid; allowed: " + allowed);
        }
    }

    /** A configuration error; the message names the key and the allowed values. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
