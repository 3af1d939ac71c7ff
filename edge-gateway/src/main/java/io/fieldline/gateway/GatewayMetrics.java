package io.fieldline.gateway;

import io.fieldline.gateway.functions.PublishHandler;
import io.fieldline.gateway.model.FilterReason;
import io.fieldline.gateway.model.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the gateway received, forwarded, filtered and rejected (by reason), and how long Kafka took
 * to acknowledge, kept in a Micrometer Prometheus registry that {@code /metrics} scrapes.
 */
public final class GatewayMetrics implements PublishHandler.Listener {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong connections = new AtomicLong();
    private final Counter received = counter("fieldline.gateway.received", "publishes received");
    private final Counter forwarded =
            counter("fieldline.gateway.forwarded", "telemetry records Kafka acknowledged");
    private final Counter deadLettered =
            counter("fieldline.gateway.dead.lettered", "dead letters Kafka acknowledged");
    private final Counter aggregates =
            counter("fieldline.gateway.aggregates", "edge aggregates Kafka acknowledged");
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<FilterReason, Counter> filtered = new EnumMap<>(FilterReason.class);
    private final Timer ackLatency =
            Timer.builder("fieldline.gateway.kafka.ack.latency")
                    .description("time from MQTT publish received to Kafka acknowledgement")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry);

    public GatewayMetrics() {
        Gauge.builder("fieldline.gateway.connections", connections, AtomicLong::get)
                .description("open MQTT connections")
                .register(registry);
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, tagged("fieldline.gateway.rejected", "publishes rejected", r.name()));
        }
        for (FilterReason r : FilterReason.values()) {
            filtered.put(r, tagged("fieldline.gateway.filtered", "readings filtered", r.name()));
        }
    }

    private Counter counter(String name, String help) {
        return Counter.builder(name).description(help).register(registry);
    }

    private Counter tagged(String name, String help, String reason) {
        return Counter.builder(name).description(help).tag("reason", reason).register(registry);
    }

    void gauge(String name, String help, Supplier<Number> value) {
        Gauge.builder(name, value).description(help).register(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    @Override
    public void received() {
        received.increment();
    }

    @Override
    public void forwarded(long latencyNanos) {
        forwarded.increment();
        ackLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void filtered(FilterReason reason, int readings) {
        filtered.get(reason).increment(readings);
    }

    @Override
    public void deadLettered() {
        deadLettered.increment();
    }

    @Override
    public void aggregatesForwarded(int count) {
        aggregates.increment(count);
    }

    public long connectionCount() {
        return connections.get();
    }

    /** Publishes received on a telemetry topic, good or bad. */
    public long receivedCount() {
        return (long) received.count();
    }

    /** Telemetry records Kafka acknowledged. */
    public long forwardedCount() {
        return (long) forwarded.count();
    }

    public long rejectedCount(RejectReason reason) {
        return (long) rejected.get(reason).count();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    public long filteredCount(FilterReason reason) {
        return (long) filtered.get(reason).count();
    }

    /** Dead-letter records Kafka acknowledged. */
    public long deadLetteredCount() {
        return (long) deadLettered.count();
    }

    public long aggregatesCount() {
        return (long) aggregates.count();
    }

    @Override
    public String toString() {
        return "received="
                + receivedCount()
                + " forwarded="
                + forwardedCount()
                + " rejected="
                + rejectedTotal()
                + " dead-lettered="
                + deadLetteredCount()
                + " aggregates="
                + aggregatesCount();
    }
}
