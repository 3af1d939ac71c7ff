package io.fieldline.gateway;

import io.fieldline.gateway.bridge.BrokerBridge;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.config.GatewayConfig.MqttSettings;
import io.fieldline.gateway.functions.PublishHandler;
import io.fieldline.gateway.http.ObservabilityServer;
import io.fieldline.gateway.kafka.Forwarder;
import io.fieldline.gateway.kafka.KafkaSender;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.kafka.RecordSink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running edge gateway: an MQTT server whose publishes are decoded, validated, filtered and
 * forwarded to Kafka (raw and/or as edge aggregates), plus the {@code /metrics} {@code /health}
 * {@code /ready} HTTP server. Start with {@link #start}; {@link #close} stops accepting, emits open
 * aggregates, sends what is queued and waits a bounded time for Kafka's acknowledgements.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Vertx vertx;
    private final Context ctx;
    private final MqttServer server; // null in bridge mode
    private final BrokerBridge bridge; // null in server mode
    private final ObservabilityServer http;
    private final KafkaSender sender;
    private final PublishHandler publishes;
    private final GatewayMetrics metrics;
    private final OutboxPipeline outbox; // null unless outbox.enabled
    private final long flushTimer;
    private volatile boolean accepting = true;

    private Gateway(
            Vertx vertx,
            Context ctx,
            Ingress ingress,
            ObservabilityServer http,
            Parts parts,
            long flushTimer) {
        this.vertx = vertx;
        this.ctx = ctx;
        this.server = ingress.server();
        this.bridge = ingress.bridge();
        this.http = http;
        this.sender = parts.sender();
        this.publishes = parts.publishes();
        this.metrics = parts.metrics();
        this.outbox = parts.outbox();
        this.flushTimer = flushTimer;
    }

    private record Parts(
            KafkaSender sender,
            PublishHandler publishes,
            GatewayMetrics metrics,
            OutboxPipeline outbox) {}

    private record Ingress(MqttServer server, BrokerBridge bridge) {}

    public static Future<Gateway> start(
            Vertx vertx, GatewayConfig config, ProducerFactory producers) {
        GatewayMetrics metrics = new GatewayMetrics();
        KafkaSender sender =
                new KafkaSender(
                        producers,
                        KafkaSender.producerConfig(
                                config.kafka(), "fieldline-gateway-" + config.gatewayId()),
                        config.kafka().sendQueueCapacity());
        metrics.gauge("fieldline.gateway.send.queue.depth", "records waiting", sender::queued);
        RecordSink sink = new RecordSink(sender, config.gatewayId());
        OutboxPipeline outbox = null;
        if (config.outbox().enabled()) {
            try {
                outbox = OutboxPipeline.open(config.outbox(), sink, metrics);
            } catch (IOException | RuntimeException e) {
                sender.close(Duration.ZERO);
                return Future.failedFuture(e);
            }
        }
        Forwarder forwarder = outbox == null ? sink : outbox.forwarder();
        PublishHandler publishes = new PublishHandler(config, forwarder, metrics);
        if (outbox != null) {
            outbox.losses().attach(publishes.outboxLedger());
            outbox.losses().cutOnRecovery(outbox.outbox().takeCutOnRecovery());
        }
        Parts parts = new Parts(sender, publishes, metrics, outbox);
        Context ctx = vertx.getOrCreateContext();
        Gateway[] self = new Gateway[1];
        Future<ObservabilityServer> http =
                config.http().enabled()
                        ? ObservabilityServer.start(
                                vertx,
                                config.http().host(),
                                config.http().port(),
                                metrics::scrape,
                                () -> self[0] == null ? "starting" : self[0].notReadyReason())
                        : Future.succeededFuture(null);
        Future<Ingress> ingress = http.compose(h -> startIngress(vertx, config, parts));
        return ingress.map(
                        in -> {
                            ObservabilityServer h = http.result();
                            long period = Math.max(100, config.aggregation().windowMs() / 4);
                            long timer =
                                    vertx.setPeriodic(
                                            period,
                                            id -> {
                                                long now = System.currentTimeMillis();
                                                publishes.flushAggregates(ctx, now, false);
                                                publishes.flushLedger(ctx, now);
                                            });
                            self[0] = new Gateway(vertx, ctx, in, h, parts, timer);
                            LOG.info(
                                    "event=started gateway={} mode={} mqtt={}:{} http={} kafka={}",
                                    config.gatewayId(),
                                    config.mode(),
                                    config.mqtt().host(),
                                    self[0].mqttPort(),
                                    h == null ? "off" : h.port(),
                                    config.kafka().bootstrap());
                            return self[0];
                        })
                .onFailure(
                        e -> {
                            http.onSuccess(h -> h.close());
                            sender.close(Duration.ZERO);
                            if (parts.outbox() != null) {
                                parts.outbox().stopDraining();
                                parts.outbox().close();
                            }
                        });
    }

    private static Future<Ingress> startIngress(Vertx vertx, GatewayConfig config, Parts p) {
        if (config.mode() == GatewayConfig.Mode.BRIDGE) {
            return BrokerBridge.start(vertx, config.bridge(), p.publishes())
                    .map(b -> new Ingress(null, b));
        }
        MqttServer server =
                MqttServer.create(vertx, serverOptions(config.mqtt()))
                        .endpointHandler(
                                new MqttConnectionHandler(
                                        vertx, p.publishes(), p.metrics(), config.mqtt()))
                        .exceptionHandler(e -> LOG.debug("MQTT server: {}", e.toString()));
        return server.listen().map(s -> new Ingress(s, null));
    }

    // Payloads up to 4x the configured maximum are still read, so that they can be dead-lettered
    // as PAYLOAD_TOO_LARGE; beyond that the MQTT decoder drops the connection (protocol limit).
    private static MqttServerOptions serverOptions(MqttSettings m) {
        return new MqttServerOptions()
                .setHost(m.host())
                .setPort(m.port())
                .setMaxMessageSize((int) Math.min(Integer.MAX_VALUE, 4L * m.maxMessageBytes()))
                .setTimeoutOnConnect(m.connectTimeoutSeconds());
    }

    /** The MQTT server's port, or -1 in bridge mode. */
    public int mqttPort() {
        return server == null ? -1 : server.actualPort();
    }

    /** The port of the {@code /metrics} server, or -1 when it is disabled. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * Records kept in the disk outbox that Kafka has not acknowledged yet (the backlog while Kafka
     * is unreachable); 0 without an outbox.
     */
    public long outboxBacklog() {
        return outbox == null ? 0 : outbox.unacknowledged();
    }

    /** Ready to take data: {@link #notReadyReason()} is null. */
    public boolean ready() {
        return notReadyReason() == null;
    }

    /**
     * Why the gateway is not ready (shutting down, bridge broker unreachable, Kafka unreachable,
     * send queue full, outbox full), or null when it is.
     */
    public String notReadyReason() {
        if (!accepting) {
            return "shutting down";
        }
        if (bridge != null && !bridge.connected()) {
            return "site broker unreachable";
        }
        boolean full = outbox != null && outbox.full();
        if (!sender.connected()) {
            return full ? outbox.fullReason() + "; Kafka unreachable" : "Kafka unreachable";
        }
        if (outbox != null) {
            return full ? outbox.fullReason() : null;
        }
        return sender.queued() < sender.capacity() ? null : "Kafka send queue full";
    }

    private void closeSending(Duration timeout) {
        if (outbox == null) {
            sender.close(timeout);
            return;
        }
        outbox.drainBeforeClose(sender::connected, timeout.dividedBy(2));
        outbox.stopDraining();
        sender.close(timeout.dividedBy(2));
        outbox.close();
    }

    /**
     * Stops accepting connections, emits open edge aggregates, flushes queued records to Kafka
     * within {@code timeout}, and logs what could not be sent.
     */
    public Future<Void> close(Duration timeout) {
        accepting = false;
        vertx.cancelTimer(flushTimer);
        Future<Void> ingress = server != null ? server.close() : bridge.close();
        return ingress.eventually(
                        () -> {
                            long now = System.currentTimeMillis();
                            publishes.flushAggregates(ctx, now, true);
                            publishes.flushLedger(ctx, now);
                            return Future.succeededFuture();
                        })
                .compose(
                        v ->
                                vertx.executeBlocking(
                                        () -> {
                                            closeSending(timeout);
                                            return null;
                                        }))
                .eventually(() -> http == null ? Future.succeededFuture() : http.close())
                .onComplete(
                        ar ->
                                LOG.info(
                                        "event=stopped {} unsent-at-close={}",
                                        metrics,
                                        sender.failedAtClose()))
                .mapEmpty();
    }
}
