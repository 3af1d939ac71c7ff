package io.fieldline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outage test: 10 MQTT 5 devices offer 2,500 QoS 1 readings/s (open loop) to a gateway
 * with the outbox on; the broker is stopped for 60 s and restarted while the load goes on. Every
 * PUBACKed reading must be in Kafka; duplicates are counted by (device, seq), and may only be of
 * readings that were in flight when the broker stopped (a produce the broker wrote but could not
 * acknowledge, re-sent after the delivery timeout). Takes about 100 s; runs in the normal build.
 */
@Tag("slow")
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaOutageSixtySecondsTest {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOutageSixtySecondsTest.class);
    private static final double OFFERED_PER_SECOND = 2_500;
    private static final long OUTAGE_SECONDS = 60;
    private static final int SEND_QUEUE = 5_000;

    @TempDir Path dir;

    @Test
    void everyAcknowledgedReadingArrivesAfterASixtySecondOutageUnderLoad() throws Exception {
        Vertx vertx = Vertx.vertx();
        Gateway gateway = null;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createFieldlineTopics(2);
            gateway =
                    OutboxTestGateways.start(
                            vertx, kafka.bootstrapServers(), dir, SEND_QUEUE, 20_000, 20);
            Gateway gw = gateway;
            await().atMost(Duration.ofSeconds(30)).until(gw::ready);
            List<String> devices = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                devices.add(GatewayTestSupport.newDevice("outage60"));
            }
            try (AckedPublishers mqtt = new AckedPublishers(gw.mqttPort(), devices)) {
                Outage o = runOutage(kafka, gw, mqtt);
                verify(kafka, mqtt, o);
            }
        } finally {
            GatewayTestSupport.stop(vertx, gateway);
        }
    }

    /** What the load did during the outage and what the drain after it looked like. */
    private record Outage(
            double seconds,
            double offeredPerSecond,
            double ackedPerSecond,
            long maxBehind,
            int[] lastSeqBeforeOutage,
            double backlog,
            double drainSeconds,
            double liveSentDuringReplay,
            double peakDrainRate) {}

    private Outage runOutage(EmbeddedKafka kafka, Gateway gw, AckedPublishers mqtt)
            throws Exception {
        OpenLoopLoad load = new OpenLoopLoad(mqtt, OFFERED_PER_SECOND);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> mqtt.acked() >= 5_000);
            kafka.stopBroker();
            int[] lastSeq = new int[mqtt.devices().size()];
            for (int d = 0; d < lastSeq.length; d++) {
                lastSeq[d] = load.lastSeq(d);
            }
            long offered0 = mqtt.offered();
            long acked0 = mqtt.acked();
            long t0 = System.nanoTime();
            long end = t0 + TimeUnit.SECONDS.toNanos(OUTAGE_SECONDS);
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5)); // the outage lasts this long
                LOG.info(
                        "outage {} s: offered {}, acked {}, refused {}, outbox pending {}, ready reason '{}'",
                        (System.nanoTime() - t0) / 1_000_000_000L,
                        mqtt.offered(),
                        mqtt.acked(),
                        mqtt.refused(),
                        (long)
                                OutboxTestGateways.gauge(
                                        gw, "fieldline.gateway.outbox.pending.records"),
                        gw.notReadyReason());
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double offered = (mqtt.offered() - offered0) / secs;
            double acked = (mqtt.acked() - acked0) / secs;
            kafka.restartBroker();
            long restarted = System.nanoTime();
            double[] backlog = {0, 0}; // largest replay backlog seen, peak drain.rate gauge
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                double b =
                                        OutboxTestGateways.gauge(
                                                gw,
                                                "fieldline.gateway.outbox.replay.backlog.records");
                                backlog[0] = Math.max(backlog[0], b);
                                backlog[1] =
                                        Math.max(
                                                backlog[1],
                                                OutboxTestGateways.gauge(
                                                        gw, "fieldline.gateway.outbox.drain.rate"));
                                return backlog[0] > 0 && b == 0;
                            });
            double drain = (System.nanoTime() - restarted) / 1e9;
            double liveSent =
                    OutboxTestGateways.gauge(gw, "fieldline.gateway.outbox.replay.live.sent");
            load.close();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> mqtt.acked() + mqtt.refused() == mqtt.offered());
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    OutboxTestGateways.gauge(
                                                    gw, "fieldline.gateway.outbox.pending.records")
                                            == 0);
            return new Outage(
                    secs,
                    offered,
                    acked,
                    load.maxBehind(),
                    lastSeq,
                    backlog[0],
                    drain,
                    liveSent,
                    backlog[1]);
        } finally {
            load.close();
        }
    }

    private void verify(EmbeddedKafka kafka, AckedPublishers mqtt, Outage o) throws Exception {
        List<String> acked = mqtt.ackedKeys();
        TelemetryCopies topic =
                new TelemetryCopies(kafka).readUntilAll(acked, Duration.ofSeconds(90));
        topic.close();
        List<String> duplicated = new ArrayList<>();
        List<String> devices = mqtt.devices();
        for (Map.Entry<String, Integer> e : topic.copies().entrySet()) {
            if (e.getValue() > 1) {
                duplicated.add(e.getKey());
            }
        }
        LOG.info(
                "60 s outage: {} s, offered {}/s, acknowledged {}/s during it (load generator at most {} behind), {} PUBACKed in all, {} refused; backlog {} replayed in {} s after the restart ({}/s), {} live readings sent during the replay, peak drain.rate gauge {}/s; duplicates in Kafka = {} (of {} distinct readings)",
                String.format("%.1f", o.seconds()),
                Math.round(o.offeredPerSecond()),
                Math.round(o.ackedPerSecond()),
                o.maxBehind(),
                acked.size(),
                mqtt.refused(),
                (long) o.backlog(),
                String.format("%.1f", o.drainSeconds()),
                Math.round(o.backlog() / o.drainSeconds()),
                (long) o.liveSentDuringReplay(),
                Math.round(o.peakDrainRate()),
                topic.duplicates(),
                topic.copies().size());
        assertThat(o.offeredPerSecond()).isGreaterThanOrEqualTo(2_000);
        assertThat(o.ackedPerSecond()).isGreaterThanOrEqualTo(2_000);
        assertThat(mqtt.refused()).isZero();
        // The replay ran near its bound (20,000/s); the gauge must have shown a real rate.
        assertThat(o.peakDrainRate()).isGreaterThan(1_000);
        assertThat(o.liveSentDuringReplay()).isPositive();
        assertThat(acked.stream().filter(k -> !topic.copies().containsKey(k)).toList())
                .as("PUBACKed readings missing in Kafka")
                .isEmpty();
        // Only readings handed to the broker before it stopped can have been written twice.
        assertThat(topic.duplicates()).isLessThanOrEqualTo(SEND_QUEUE);
        for (String k : duplicated) {
            String device = k.substring(0, k.indexOf('#'));
            long seq = Long.parseLong(k.substring(k.indexOf('#') + 1));
            assertThat(seq)
                    .as(k)
                    .isLessThanOrEqualTo(o.lastSeqBeforeOutage()[devices.indexOf(device)]);
        }
    }
}
