package io.fieldline.gateway;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.functions.PublishHandler;
import io.fieldline.gateway.kafka.KafkaSender;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running edge gateway: an MQTT server whose publishes are decoded, validated and forwarded to
 * Kafka. Start with {@link #start}; {@link #close} stops accepting connections, then sends what is
 * queued and waits a bounded time for Kafka's acknowledgements.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Vertx vertx;
    private final MqttServer server;
    private final KafkaSender sender;
    private final GatewayMetrics metrics;

    private Gateway(Vertx vertx, MqttServer server, KafkaSender sender, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.server = server;
        this.sender = sender;
        this.metrics = metrics;
    }

    public static Future<Gateway> start(
            Vertx vertx, GatewayConfig config, ProducerFactory producers) {
        GatewayMetrics metrics = new GatewayMetrics();
        KafkaSender sender =
                new KafkaSender(
                        producers,
                        KafkaSender.producerConfig(
                                config.kafkaBootstrap(),
                                "fieldline-gateway-" + config.gatewayId(),
                                config.sendTimeoutMs()),
                        config.sendQueueCapacity());
        PublishHandler publishes = new PublishHandler(config, sender, metrics);
        MqttServerOptions options =
                new MqttServerOptions()
                        .setHost(config.mqttHost())
                        .setPort(config.mqttPort())
                        .setMaxMessageSize(config.maxMessageBytes())
                        .setTimeoutOnConnect(config.connectTimeoutSeconds());
        MqttServer server =
                MqttServer.create(vertx, options)
                        .endpointHandler(new MqttConnectionHandler(vertx, publishes, metrics))
                        .exceptionHandler(e -> LOG.debug("MQTT server: {}", e.toString()));
        return server.listen()
                .map(
                        s -> {
                            LOG.info(
                                    "gateway {} listening for MQTT on {}:{}, forwarding to {}",
                                    config.gatewayId(),
                                    config.mqttHost(),
                                    s.actualPort(),
                                    config.kafkaBootstrap());
                            return new Gateway(vertx, s, sender, metrics);
                        })
                .onFailure(e -> sender.close(Duration.ZERO));
    }

    public int mqttPort() {
        return server.actualPort();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Stops accepting, flushes queued records to Kafka within {@code timeout}, and reports. */
    public Future<Void> close(Duration timeout) {
        return server.close()
                .compose(
                        v ->
                                vertx.executeBlocking(
                                        () -> {
                                            sender.close(timeout);
                                            LOG.info("gateway stopped: {}", metrics);
                                            return null;
                                        }));
    }
}
