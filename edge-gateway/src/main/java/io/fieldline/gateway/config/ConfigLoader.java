package io.fieldline.gateway.config;

import io.fieldline.gateway.config.GatewayConfig.AggregationSettings;
import io.fieldline.gateway.config.GatewayConfig.ConfigException;
import io.fieldline.gateway.config.GatewayConfig.HttpSettings;
import io.fieldline.gateway.config.GatewayConfig.KafkaSettings;
import io.fieldline.gateway.config.GatewayConfig.MqttSettings;
import io.fieldline.gateway.config.GatewayConfig.PayloadFormat;
import io.fieldline.gateway.config.GatewayConfig.ValidationSettings;
import io.fieldline.gateway.outbox.FsyncPolicy;
import io.fieldline.gateway.outbox.OverflowPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Builds a {@link GatewayConfig} from, in increasing precedence: defaults, the YAML file given by
 * {@code --config FILE}, {@code FIELDLINE_*} environment variables ({@code mqtt.port} → {@code
 * FIELDLINE_MQTT_PORT}) and {@code --key value} options. Unknown keys and bad values fail fast.
 */
public final class ConfigLoader {
    /** The skeleton's flat option names, still accepted on the command line. */
    private static final Map<String, String> LEGACY_OPTIONS =
            Map.of(
                    "mqtt-host", "mqtt.host",
                    "mqtt-port", "mqtt.port",
                    "max-message-bytes", "mqtt.max-message-bytes",
                    "connect-timeout-seconds", "mqtt.connect-timeout-seconds",
                    "topic-prefix", "mqtt.topic-prefix",
                    "topic-suffix", "mqtt.topic-suffix",
                    "kafka-bootstrap", "kafka.bootstrap",
                    "send-queue-capacity", "kafka.send-queue-capacity",
                    "send-timeout-ms", "kafka.send-timeout-ms",
                    "http-port", "http.port");

    private ConfigLoader() {}

    public static GatewayConfig load(String[] args, Map<String, String> env) {
        Path file = null;
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + a + "'; expected --key value");
            }
            if (i + 1 >= args.length) {
                throw new ConfigException("option " + a + " needs a value");
            }
            String key = a.substring(2);
            String value = args[++i];
            if (key.equals("config")) {
                file = Path.of(value);
            } else {
                options.put(LEGACY_OPTIONS.getOrDefault(key, key), value);
            }
        }
        Map<String, Object> values = file == null ? new LinkedHashMap<>() : readYaml(file);
        values.putAll(options);
        // Command-line options beat the environment: drop env entries they override.
        Map<String, String> effectiveEnv = new LinkedHashMap<>(env);
        options.keySet().forEach(k -> effectiveEnv.remove(ConfigValues.envName(k)));
        return fromMap(values, effectiveEnv);
    }

    public static GatewayConfig load(Path yaml, Map<String, String> env) {
        return fromMap(readYaml(yaml), env);
    }

    static Map<String, Object> readYaml(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (doc == null) {
                return new LinkedHashMap<>();
            }
            if (!(doc instanceof Map<?, ?> m)) {
                throw new ConfigException(file + ": the top level must be a map of keys");
            }
            return flatten(m);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException(file + " is not valid YAML: " + e.getMessage());
        }
    }

    /** Nested maps become dotted keys; lists and scalars stay values. */
    static Map<String, Object> flatten(Map<?, ?> nested) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", nested, out);
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> m, Map<String, Object> out) {
        m.forEach(
                (k, v) -> {
                    String key = prefix + k;
                    if (v instanceof Map<?, ?> child) {
                        flatten(key + ".", child, out);
                    } else {
                        out.put(key, v);
                    }
                });
    }

    static GatewayConfig fromMap(Map<String, Object> flat, Map<String, String> env) {
        ConfigValues v = new ConfigValues(flat, env);
        String gatewayId = v.nonBlank("gateway-id", "gw-1", "a non-empty id");
        GatewayConfig c =
                new GatewayConfig(
                        gatewayId,
                        v.enumValue("mode", GatewayConfig.Mode.SERVER),
                        new GatewayConfig.BridgeSettings(
                                v.nonBlank("bridge.host", "localhost", "a host name"),
                                v.integer("bridge.port", 1883, 1, 65535),
                                v.nonBlank(
                                        "bridge.client-id",
                                        "fieldline-bridge-" + gatewayId,
                                        "an MQTT client id"),
                                v.nonBlank(
                                        "bridge.topic-filter",
                                        "fieldline/+/telemetry",
                                        "an MQTT topic filter"),
                                v.string("bridge.share-group", "")),
                        mqtt(v),
                        kafka(v),
                        new HttpSettings(
                                v.bool("http.enabled", true),
                                v.nonBlank("http.host", "0.0.0.0", "an interface address"),
                                v.integer("http.port", 9464, 0, 65535)),
                        validation(v),
                        filters(v),
                        v.integer("dedup.window", 32, 0, 4096),
                        new AggregationSettings(
                                v.number("aggregation.window-ms", 60_000, 1_000, 86_400_000L),
                                v.number("aggregation.allowed-lateness-ms", 5_000, 0, 86_400_000L)),
                        outbox(v));
        v.rejectUnknown();
        return c;
    }

    private static MqttSettings mqtt(ConfigValues v) {
        return new MqttSettings(
                v.nonBlank("mqtt.host", "0.0.0.0", "an interface address"),
                v.integer("mqtt.port", 1883, 0, 65535),
                v.integer("mqtt.max-message-bytes", 64 * 1024, 64, 16 * 1024 * 1024),
                v.integer("mqtt.connect-timeout-seconds", 10, 1, 300),
                v.integer("mqtt.max-keep-alive-seconds", 300, 1, 65535),
                v.integer("mqtt.max-connections", 5_000, 1, 1_000_000),
                v.integer("mqtt.max-inflight-per-connection", 32, 1, 65_535),
                v.string("mqtt.topic-prefix", "fieldline/"),
                v.string("mqtt.topic-suffix", "/telemetry"),
                v.enumValue("mqtt.payload-format", PayloadFormat.AUTO));
    }

    private static KafkaSettings kafka(ConfigValues v) {
        String compression = v.string("kafka.compression", "lz4");
        List<String> codecs = List.of("none", "gzip", "snappy", "lz4", "zstd");
        if (!codecs.contains(compression)) {
            throw ConfigValues.invalid(
                    "kafka.compression", compression, String.join(" | ", codecs));
        }
        return new KafkaSettings(
                v.nonBlank("kafka.bootstrap", "localhost:9092", "host:port[,host:port...]"),
                v.integer("kafka.send-queue-capacity", 10_000, 1, 10_000_000),
                v.number("kafka.send-timeout-ms", 30_000, 1_000, 3_600_000),
                v.integer("kafka.linger-ms", 5, 0, 60_000),
                v.integer("kafka.batch-bytes", 64 * 1024, 1024, 16 * 1024 * 1024),
                compression);
    }

    private static GatewayConfig.OutboxSettings outbox(ConfigValues v) {
        return new GatewayConfig.OutboxSettings(
                v.bool("outbox.enabled", true),
                v.nonBlank("outbox.dir", GatewayConfig.OutboxSettings.DEFAULT_DIR, "a directory"),
                v.number("outbox.max-bytes", 256L * 1024 * 1024, 4L * 1024 * 1024, 1L << 40),
                v.enumValue("outbox.fsync", FsyncPolicy.EVERY_BATCH),
                v.number("outbox.fsync-interval-ms", 1_000, 1, 60_000),
                v.enumValue("outbox.overflow", OverflowPolicy.REJECT_NEW),
                v.integer("outbox.max-replay-per-second", 20_000, 0, 10_000_000),
                v.integer(
                        "outbox.live-share-percent",
                        GatewayConfig.OutboxSettings.DEFAULT_LIVE_SHARE_PERCENT,
                        0,
                        90));
    }

    private static ValidationSettings validation(ConfigValues v) {
        return new ValidationSettings(
                v.number("validation.max-clock-skew-ms", 0, 0, 365L * 86_400_000L),
                new LinkedHashSet<>(v.stringList("validation.allowed-metrics")));
    }

    private static List<FilterRule> filters(ConfigValues v) {
        List<?> items = v.list("filters");
        List<FilterRule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            rules.add(FilterRule.parse("filters[" + i + "]", items.get(i)));
        }
        return rules;
    }
}
