package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.OverflowProbe.dropped;
import static io.fieldline.gateway.OverflowProbe.lost;
import static io.fieldline.gateway.OverflowProbe.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.OverflowProbe.Acks;
import io.fieldline.gateway.config.FilterRule;
import io.fieldline.gateway.config.FilterRule.Mode;
import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.config.GatewayConfig.AggregationSettings;
import io.fieldline.gateway.config.GatewayConfig.KafkaSettings;
import io.fieldline.gateway.config.GatewayConfig.OutboxSettings;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.outbox.FsyncPolicy;
import io.fieldline.gateway.outbox.OverflowPolicy;
import io.fieldline.proto.EdgeAggregate;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's byte bound (256 KiB) reached through the gateway while its Kafka is stopped, under
 * each overflow policy: what an MQTT 5 client saw acknowledged, minus what reached {@code
 * fieldline.telemetry} after Kafka came back, per device, equals what {@code /metrics} and the
 * {@code LedgerEntry} records report as refused, dropped or shed.
 */
@Timeout(120)
class GatewayOverflowTest {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayOverflowTest.class);
    private static final int PER_DEVICE = 1000;
    private static final String PAD = ",\"%s_a\":1.5,\"%s_b\":2.5,\"%s_c\":3.5";
    private static EmbeddedKafka kafka;
    private Vertx vertx;
    private Gateway gateway;

    @TempDir Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = OutageKafka.get();
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close(Duration.ofSeconds(2)).await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void rejectNewRefusesWithQuotaExceededAndCountsEachRefusalOnce() throws Exception {
        List<String> devices = List.of(newDevice("rej"), newDevice("rej"));
        Acks acks = fillWhileKafkaIsDown(OverflowPolicy.REJECT_NEW, devices, reading("t"), true);
        Map<String, Set<Long>> arrived = drainAndRead(devices);
        String metrics = OverflowProbe.get(gateway, "/metrics");
        List<LedgerEntry> ledger = closeAndReadLedger(devices);
        long refusedTotal = 0;
        for (String d : devices) {
            Set<Long> refused = acks.refused(d);
            refusedTotal += refused.size();
            assertThat(refused).as("refusals seen by %s", d).isNotEmpty();
            assertThat(arrived.get(d)).isEqualTo(acks.acked(d)); // nothing acked was lost
            assertThat(sum(ledger, d, LedgerEntry::getRejected)).isEqualTo(refused.size());
            assertThat(dropped(ledger, d, "OUTBOX_FULL")).isEqualTo(refused.size());
            assertThat(sum(ledger, d, LedgerEntry::getShed)).isZero();
            assertThat(sum(ledger, d, LedgerEntry::getForwarded)).isEqualTo(acks.acked(d).size());
        }
        assertThat(lost(metrics, "OUTBOX_FULL")).isEqualTo(refusedTotal);
        assertThat(lost(metrics, "OUTBOX_DROPPED_OLDEST")).isZero();
        LOG.info("reject-new: {} readings refused with 0x97", refusedTotal);
    }

    @Test
    void dropOldestCountsEveryDroppedReadingPerDevice() throws Exception {
        List<String> devices = List.of(newDevice("drop"), newDevice("drop"));
        Acks acks = fillWhileKafkaIsDown(OverflowPolicy.DROP_OLDEST, devices, reading("t"), false);
        Map<String, Set<Long>> arrived = drainAndRead(devices);
        String metrics = OverflowProbe.get(gateway, "/metrics");
        List<LedgerEntry> ledger = closeAndReadLedger(devices);
        long droppedTotal = 0;
        for (String d : devices) {
            assertThat(acks.refused(d)).isEmpty();
            Set<Long> lostSeqs = minus(acks.acked(d), arrived.get(d));
            droppedTotal += lostSeqs.size();
            assertThat(dropped(ledger, d, "OUTBOX_DROPPED_OLDEST")).isEqualTo(lostSeqs.size());
            assertThat(sum(ledger, d, LedgerEntry::getShed)).isEqualTo(lostSeqs.size());
            assertThat(sum(ledger, d, LedgerEntry::getRejected)).isZero();
        }
        assertThat(droppedTotal).isPositive();
        assertThat(netLost(metrics, "OUTBOX_DROPPED_OLDEST")).isEqualTo(droppedTotal);
        LOG.info("drop-oldest: {} acknowledged readings dropped and counted", droppedTotal);
    }

    @Test
    void degradeKeepsAggregatesAndImportantMetricsAndShedsTheLeastImportant() throws Exception {
        List<String> devices = List.of(newDevice("deg"), newDevice("deg"));
        // Odd seqs carry "hi*" metrics (outbox priority 1), even seqs "lo*" (priority 100, raw
        // and aggregated).
        IntFunction<byte[]> payload = seq -> reading(seq % 2 == 1 ? "hi" : "lo").apply(seq);
        Acks acks = fillWhileKafkaIsDown(OverflowPolicy.DEGRADE, devices, payload, false);
        Map<String, Set<Long>> arrived = drainAndRead(devices);
        String metrics = OverflowProbe.get(gateway, "/metrics");
        List<LedgerEntry> ledger = closeAndReadLedger(devices);
        long shedTotal = 0;
        for (String d : devices) {
            assertThat(acks.refused(d)).isEmpty();
            Set<Long> shed = minus(acks.acked(d), arrived.get(d));
            shedTotal += shed.size();
            assertThat(shed).as("shed readings of %s", d).allMatch(s -> s % 2 == 0);
            long ledgerShed =
                    dropped(ledger, d, "OUTBOX_SHED_DEGRADED")
                            + dropped(ledger, d, "OUTBOX_SHED_INCOMING");
            assertThat(ledgerShed).isEqualTo(shed.size());
            assertThat(sum(ledger, d, LedgerEntry::getShed)).isEqualTo(shed.size());
            assertThat(loAggregatedCount(d))
                    .as("lo readings in edge aggregates")
                    .isEqualTo(PER_DEVICE / 2);
        }
        assertThat(shedTotal).isPositive();
        assertThat(netLost(metrics, "OUTBOX_SHED_DEGRADED") + lost(metrics, "OUTBOX_SHED_INCOMING"))
                .isEqualTo(shedTotal);
        LOG.info("degrade: {} low-priority readings shed and counted", shedTotal);
    }

    private Acks fillWhileKafkaIsDown(
            OverflowPolicy policy,
            List<String> devices,
            IntFunction<byte[]> payload,
            boolean checkReady)
            throws Exception {
        vertx = Vertx.vertx();
        gateway =
                GatewayTestSupport.start(
                        vertx,
                        config(dir.resolve("outbox"), policy, 256 * 1024),
                        ProducerFactory.kafka());
        await().atMost(Duration.ofSeconds(30)).until(gateway::ready);
        kafka.stopBroker();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !gateway.ready());
            Acks acks = OverflowProbe.publish(gateway, devices, PER_DEVICE, payload);
            if (checkReady) {
                HttpResponse<String> ready = OverflowProbe.send(gateway, "/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body())
                        .startsWith("NOT READY: outbox full (")
                        .contains(" of 262144 bytes, overflow " + policyName(policy) + ")")
                        .endsWith("; Kafka unreachable\n");
            }
            // Kafka stays down for two more failed drain attempts, so that most dropped records
            // the drainer had in flight fail (those that still arrive are taken back, not lost).
            double failures = gaugeValue("fieldline_gateway_outbox_send_failures");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    gaugeValue("fieldline_gateway_outbox_send_failures")
                                            >= failures + 2);
            return acks;
        } finally {
            kafka.restartBroker();
        }
    }

    /** Waits until the outbox is empty and every drop is decided; returns what arrived. */
    private Map<String, Set<Long>> drainAndRead(List<String> devices) throws Exception {
        try {
            awaitDrained();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String outboxLines =
                    OverflowProbe.get(gateway, "/metrics")
                            .lines()
                            .filter(l -> l.startsWith("fieldline_gateway_outbox"))
                            .collect(java.util.stream.Collectors.joining("\n"));
            throw new AssertionError("outbox not drained:\n" + outboxLines, e);
        }
        assertThat(OverflowProbe.get(gateway, "/ready")).isEqualTo("READY\n");
        return OverflowProbe.telemetrySeqs(kafka, devices);
    }

    private void awaitDrained() {
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                gaugeValue("fieldline_gateway_outbox_pending_records") == 0
                                        && gaugeValue("fieldline_gateway_send_queue_depth") == 0);
    }

    /** Counted lost minus taken back (arrived after all). */
    private static double netLost(String metrics, String reason) {
        return lost(metrics, reason)
                - OverflowProbe.metric(
                        metrics,
                        "fieldline_gateway_outbox_delivered_after_drop_total",
                        "{kind=\"telemetry\",reason=\"" + reason + "\"}");
    }

    private double gaugeValue(String name) throws Exception {
        return OverflowProbe.metric(OverflowProbe.get(gateway, "/metrics"), name, "");
    }

    /** Closes the gateway (it publishes its last ledger window) and reads the whole ledger. */
    private List<LedgerEntry> closeAndReadLedger(List<String> devices) {
        gateway.close(Duration.ofSeconds(10)).await();
        gateway = null;
        List<LedgerEntry> ledger = OverflowProbe.ledger(kafka, devices);
        for (String d : devices) {
            assertThat(sum(ledger, d, LedgerEntry::getReceived)).isEqualTo(PER_DEVICE);
        }
        return ledger;
    }

    private static long loAggregatedCount(String device) {
        return OverflowProbe.readAll(kafka, "fieldline.edge-aggregates", List.of(device)).stream()
                .map(r -> OverflowProbe.parse(r.value(), EdgeAggregate::parseFrom))
                .filter(a -> a.getMetric().equals("lo"))
                .mapToLong(EdgeAggregate::getCount)
                .sum();
    }

    private static IntFunction<byte[]> reading(String metric) {
        long now = System.currentTimeMillis();
        return seq ->
                OverflowProbe.json(
                        now + seq,
                        seq,
                        "\"" + metric + "\":" + seq + PAD.formatted(metric, metric, metric));
    }

    private static Set<Long> minus(Set<Long> a, Set<Long> b) {
        Set<Long> out = new HashSet<>(a);
        out.removeAll(b == null ? Set.of() : b);
        return out;
    }

    private static String policyName(OverflowPolicy p) {
        return p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * A gateway on loopback against {@link OutageKafka} (2 s delivery timeout), the outbox in
     * {@code outboxDir} (no fsync: these tests stop Kafka, not the machine), "hi*" metrics at
     * outbox priority 1, "lo*" at 100 and aggregated too.
     */
    static GatewayConfig config(Path outboxDir, OverflowPolicy policy, long maxBytes) {
        GatewayConfig base =
                GatewayConfig.defaults()
                        .withMqtt("127.0.0.1", 0)
                        .withHttp(new GatewayConfig.HttpSettings(true, "127.0.0.1", 0));
        KafkaSettings k = base.kafka();
        return base.withKafka(
                        new KafkaSettings(
                                OutageKafka.get().bootstrapServers(),
                                k.sendQueueCapacity(),
                                2_000,
                                k.lingerMs(),
                                k.batchBytes(),
                                k.compression()))
                .withFilters(
                        List.of(
                                new FilterRule(
                                        "hi*",
                                        Double.NaN,
                                        Double.NaN,
                                        Double.NaN,
                                        0,
                                        0,
                                        0,
                                        Mode.RAW,
                                        1),
                                new FilterRule(
                                        "lo*",
                                        Double.NaN,
                                        Double.NaN,
                                        Double.NaN,
                                        0,
                                        0,
                                        0,
                                        Mode.BOTH,
                                        100)),
                        new AggregationSettings(1_000, 60_000))
                .withOutbox(
                        new OutboxSettings(
                                true,
                                outboxDir.toString(),
                                maxBytes,
                                FsyncPolicy.NONE,
                                1000,
                                policy,
                                0));
    }
}
