package io.fieldline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fieldline.gateway.config.GatewayConfig.ConfigException;
import io.fieldline.gateway.config.GatewayConfig.PayloadFormat;
import io.fieldline.gateway.outbox.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path SAMPLE = Path.of("config/gateway.yaml");

    @TempDir Path dir;

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("gateway.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void sampleFileLoadsWithEveryDocumentedValue() {
        GatewayConfig c = ConfigLoader.load(new String[] {"--config", SAMPLE.toString()}, Map.of());
        assertThat(c.gatewayId()).isEqualTo("gw-1");
        assertThat(c.mqtt().port()).isEqualTo(1883);
        assertThat(c.mqtt().maxKeepAliveSeconds()).isEqualTo(300);
        assertThat(c.mqtt().payloadFormat()).isEqualTo(PayloadFormat.AUTO);
        assertThat(c.kafka().compression()).isEqualTo("lz4");
        assertThat(c.http().port()).isEqualTo(9464);
        assertThat(c.validation().maxClockSkewMs()).isEqualTo(300_000);
        assertThat(c.dedupWindow()).isEqualTo(32);
        assertThat(c.filters()).hasSize(2);
        FilterRule temp = c.filters().get(0);
        assertThat(temp.matches("temperature_in")).isTrue();
        assertThat(temp.min()).isEqualTo(-40);
        assertThat(temp.max()).isEqualTo(125);
        assertThat(temp.ratePerSecond()).isEqualTo(10);
        assertThat(temp.burst()).isEqualTo(20);
        assertThat(temp.mode()).isEqualTo(FilterRule.Mode.BOTH);
        assertThat(c.filters().get(1).mode()).isEqualTo(FilterRule.Mode.AGGREGATE);
        assertThat(temp.outboxPriority()).isEqualTo(10);
        assertThat(c.filters().get(1).outboxPriority())
                .isEqualTo(FilterRule.DEFAULT_OUTBOX_PRIORITY);
    }

    @Test
    void sampleFileMatchesTheBuiltInDefaultsWhereItSaysSo() {
        GatewayConfig sample = ConfigLoader.load(SAMPLE, Map.of());
        GatewayConfig empty = GatewayConfig.fileDefaults();
        assertThat(sample.mqtt()).isEqualTo(empty.mqtt());
        assertThat(sample.kafka()).isEqualTo(empty.kafka());
        assertThat(sample.http()).isEqualTo(empty.http());
        assertThat(sample.aggregation()).isEqualTo(empty.aggregation());
        assertThat(sample.outbox()).isEqualTo(empty.outbox());
    }

    @Test
    void environmentOverridesFileAndOptionsOverrideEnvironment() throws IOException {
        Path f = yaml("mqtt:\n  port: 1999\nkafka:\n  bootstrap: file:9092\n");
        Map<String, String> env =
                Map.of(
                        "FIELDLINE_MQTT_PORT", "2883",
                        "FIELDLINE_KAFKA_BOOTSTRAP", "env:9092",
                        "FIELDLINE_VALIDATION_ALLOWED_METRICS", "a, b");
        GatewayConfig c =
                ConfigLoader.load(
                        new String[] {"--config", f.toString(), "--kafka-bootstrap", "cli:9092"},
                        env);
        assertThat(c.mqtt().port()).isEqualTo(2883);
        assertThat(c.kafka().bootstrap()).isEqualTo("cli:9092");
        assertThat(c.validation().allowedMetrics()).isEqualTo(Set.of("a", "b"));
    }

    @Test
    void skeletonOptionsStillWork() {
        GatewayConfig c =
                GatewayConfig.parse(
                        new String[] {
                            "--kafka-bootstrap", "k:1", "--mqtt-port", "0", "--gateway-id", "edge-7"
                        },
                        Map.of());
        assertThat(c.kafkaBootstrap()).isEqualTo("k:1");
        assertThat(c.mqttPort()).isZero();
        assertThat(c.gatewayId()).isEqualTo("edge-7");
    }

    @Test
    void unknownKeyFailsNamingItAndTheAllowedKeys() throws IOException {
        Path f = yaml("mqtt:\n  prot: 1883\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'mqtt.prot'")
                .hasMessageContaining("mqtt.port");
    }

    @Test
    void badNumberFailsNamingKeyAndRange() throws IOException {
        Path f = yaml("mqtt:\n  port: 70000\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .hasMessage("mqtt.port: '70000' is invalid; allowed: an integer 0..65535");
    }

    @Test
    void storeAndForwardIsOnByDefaultAndCanBeTurnedOff() throws IOException {
        for (GatewayConfig c :
                new GatewayConfig[] {GatewayConfig.fileDefaults(), GatewayConfig.defaults()}) {
            assertThat(c.outbox().enabled()).isTrue();
            assertThat(c.outbox().dir()).isEqualTo("data/outbox");
            assertThat(c.outbox().fsync()).isEqualTo(FsyncPolicy.EVERY_BATCH);
        }
        assertThat(ConfigLoader.load(SAMPLE, Map.of()).outbox().enabled()).isTrue();
        Path off = yaml("outbox:\n  enabled: false\n");
        assertThat(ConfigLoader.load(off, Map.of()).outbox().enabled()).isFalse();
        assertThat(
                        ConfigLoader.load(
                                        new String[0], Map.of("FIELDLINE_OUTBOX_ENABLED", "false"))
                                .outbox()
                                .enabled())
                .isFalse();
        assertThat(
                        ConfigLoader.load(new String[] {"--outbox.enabled", "false"}, Map.of())
                                .outbox()
                                .enabled())
                .isFalse();
        GatewayConfig disabled = GatewayConfig.defaults().withOutboxEnabled(false);
        assertThat(disabled.outbox().enabled()).isFalse();
        assertThat(disabled.outbox().dir()).isEqualTo("data/outbox");
    }

    @Test
    void liveShareOfTheOutboxDrainerIsAPercentUpToNinety() throws IOException {
        assertThat(GatewayConfig.fileDefaults().outbox().liveSharePercent()).isEqualTo(20);
        Path ok = yaml("outbox:\n  live-share-percent: 35\n");
        assertThat(ConfigLoader.load(ok, Map.of()).outbox().liveSharePercent()).isEqualTo(35);
        Path f = yaml("outbox:\n  live-share-percent: 95\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .hasMessage(
                        "outbox.live-share-percent: '95' is invalid; allowed: an integer 0..90");
    }

    @Test
    void badEnvironmentValueFailsNamingTheKey() {
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        new String[0], Map.of("FIELDLINE_HTTP_ENABLED", "yes")))
                .hasMessage("http.enabled: 'yes' is invalid; allowed: true | false");
    }

    @Test
    void badEnumFailsListingTheAllowedValues() throws IOException {
        Path f = yaml("mqtt:\n  payload-format: xml\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .hasMessage(
                        "mqtt.payload-format: 'xml' is invalid; allowed: auto | json | protobuf");
    }

    @Test
    void badFilterFailsNamingTheListItem() throws IOException {
        Path f = yaml("filters:\n  - metric: t\n    mode: sometimes\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .hasMessage(
                        "filters[0].mode: 'sometimes' is invalid; allowed: raw | aggregate | both");
        Path g = yaml("filters:\n  - metric: t\n    range: {min: 5, max: 1}\n");
        assertThatThrownBy(() -> ConfigLoader.load(g, Map.of()))
                .hasMessageStartingWith("filters[0].range: '5.0..1.0' is invalid");
        Path p = yaml("filters:\n  - metric: t\n    outbox-priority: 0\n");
        assertThatThrownBy(() -> ConfigLoader.load(p, Map.of()))
                .hasMessageStartingWith("filters[0].outbox-priority: '0' is invalid");
        Path h = yaml("filters:\n  - metric: t\n    dedband: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(h, Map.of()))
                .hasMessageStartingWith("unknown key 'filters[0].dedband'");
    }

    @Test
    void badCompressionAndMissingFileFailFast() throws IOException {
        Path f = yaml("kafka:\n  compression: brotli\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .hasMessage(
                        "kafka.compression: 'brotli' is invalid; allowed: none | gzip | snappy | lz4 | zstd");
        assertThatThrownBy(
                        () ->
                                ConfigLoader.load(
                                        new String[] {
                                            "--config", dir.resolve("nope.yaml").toString()
                                        },
                                        Map.of()))
                .hasMessageStartingWith("cannot read config file");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--mqtt.port"}, Map.of()))
                .hasMessage("option --mqtt.port needs a value");
    }
}
