package io.fieldline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.config.GatewayConfig;
import io.fieldline.gateway.config.GatewayConfig.AggregationSettings;
import io.fieldline.gateway.config.GatewayConfig.KafkaSettings;
import io.fieldline.gateway.config.GatewayConfig.OutboxSettings;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.kafka.RecordSink;
import io.fieldline.gateway.outbox.FsyncPolicy;
import io.fieldline.gateway.outbox.OverflowPolicy;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code fieldline-ahead-of-backlog} header ({@link RecordSink#AHEAD_OF_BACKLOG_HEADER}) on a
 * real broker: a device's readings PUBACKed while Kafka was stopped become a backlog, replayed at
 * 1,000/s after the restart while the same device keeps publishing 50/s; the telemetry topic (one
 * partition, so topic order is send order) is then read back with its headers.
 *
 * <p>Asserted: some records carry the header (value "1"); every one of them is followed in the
 * topic by an older reading of its device (it overtook a backlog that was not yet all sent); no
 * copy that a newer reading of its device overtook (a backlog record) carries it; readings
 * published once the backlog was complete in Kafka (no replay going on) carry none; and, when no
 * send failed during the outage, none of the readings stored during the outage carries it.
 *
 * <p>One device only: the header is set per replay ("older records of the outbox are still
 * unsent"), not per device, so with several devices a record may be marked while only other
 * devices' records are left in the backlog, and the per-device check would not hold. The ledger
 * timer is set to an hour so that no ledger entry enters the outbox between the readings. Two ways
 * a replay begins are covered: send timeout 60 s, longer than the outage (no send fails; after the
 * restart the drainer finds more than a second of sends waiting and splits the outbox), and 3 s,
 * shorter (sends fail during the outage; the replay restarts from the first unacknowledged record
 * after the back-off).
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AheadOfBacklogHeaderTest {
    private static final Logger LOG = LoggerFactory.getLogger(AheadOfBacklogHeaderTest.class);
    private static final int BACKLOG = 3_000;
    private static EmbeddedKafka kafka;
    private Vertx vertx;
    private Gateway gateway;

    @TempDir Path dir;

    /** One telemetry record as read from the topic, in topic order. */
    private record Seen(String device, long seq, long eventTimeMs, boolean ahead) {}

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        kafka.createFieldlineTopics(1);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @AfterEach
    void stop() {
        GatewayTestSupport.stop(vertx, gateway);
    }

    @ParameterizedTest(name = "send timeout {0} ms")
    @ValueSource(ints = {60_000, 3_000})
    void onlyLiveRecordsThatOvertakeTheBacklogAreMarked(int sendTimeoutMs) throws Exception {
        vertx = Vertx.vertx();
        gateway = GatewayTestSupport.start(vertx, config(sendTimeoutMs), ProducerFactory.kafka());
        await().atMost(Duration.ofSeconds(30)).until(gateway::ready);
        String device = GatewayTestSupport.newDevice("ahead-" + sendTimeoutMs);
        AtomicInteger lastLiveSeq = new AtomicInteger(BACKLOG);
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<Seen> topic = new ArrayList<>();
        int firstSeqAfterBacklog;
        try (AckedPublishers pub = new AckedPublishers(gateway.mqttPort(), List.of(device));
                KafkaConsumer<String, byte[]> consumer = telemetryConsumer()) {
            kafka.stopBroker();
            try {
                pub.publishAll(1, BACKLOG); // returns once all are PUBACKed: durable in the outbox
                assertThat(pub.acked()).isEqualTo(BACKLOG);
                if (sendTimeoutMs < 10_000) {
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> gauge("fieldline.gateway.outbox.send.failures") > 0);
                }
            } finally {
                kafka.restartBroker();
            }
            CompletableFuture<Void> live =
                    CompletableFuture.runAsync(
                            () -> publishEvery20Ms(pub, device, lastLiveSeq, publishing));
            try {
                Set<Long> backlogSeen = new HashSet<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (backlogSeen.size() < BACKLOG && System.nanoTime() < deadline) {
                    for (Seen s : poll(consumer, device)) {
                        topic.add(s);
                        if (s.seq() <= BACKLOG) {
                            backlogSeen.add(s.seq());
                        }
                    }
                }
                assertThat(backlogSeen).as("backlog readings in Kafka").hasSize(BACKLOG);
                // Published from here on: appended after the last backlog record was sent.
                firstSeqAfterBacklog = lastLiveSeq.get() + 1;
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // a second of plain live data
            } finally {
                publishing.set(false);
                live.get(10, TimeUnit.SECONDS);
            }
            List<String> expected = pub.ackedKeys();
            Set<String> keys = new HashSet<>();
            topic.forEach(s -> keys.add(TelemetryCopies.key(s.device(), s.seq())));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!keys.containsAll(expected) && System.nanoTime() < deadline) {
                for (Seen s : poll(consumer, device)) {
                    topic.add(s);
                    keys.add(TelemetryCopies.key(s.device(), s.seq()));
                }
            }
            assertThat(expected.stream().filter(k -> !keys.contains(k)).toList())
                    .as("PUBACKed readings missing in Kafka")
                    .isEmpty();
        }

        List<Seen> marked = topic.stream().filter(Seen::ahead).toList();
        List<Seen> overtaken = overtaken(topic);
        List<Seen> markedNotFollowedByOlder = markedWithNothingOlderAfter(topic);
        LOG.info(
                "send timeout {} ms: {} records read ({} live readings published after the restart), {} marked ahead of the backlog, {} overtaken, {} sends failed, live sent during replays {}",
                sendTimeoutMs,
                topic.size(),
                lastLiveSeq.get() - BACKLOG,
                marked.size(),
                overtaken.size(),
                (long) gauge("fieldline.gateway.outbox.send.failures"),
                (long) gauge("fieldline.gateway.outbox.replay.live.sent"));

        assertThat(marked).as("records carrying the header").isNotEmpty();
        assertThat((long) marked.size())
                .as("marked copies in Kafka vs. marked records handed to the producer")
                .isLessThanOrEqualTo((long) gauge("fieldline.gateway.outbox.replay.live.sent"));
        assertThat(markedNotFollowedByOlder)
                .as("marked records not followed by an older reading of their device")
                .isEmpty();
        assertThat(overtaken).as("backlog copies overtaken by newer readings").isNotEmpty();
        assertThat(overtaken)
                .as("overtaken (backlog) copies carrying the header")
                .filteredOn(Seen::ahead)
                .isEmpty();
        assertThat(marked)
                .as("marked readings published after the backlog was complete in Kafka")
                .filteredOn(s -> s.seq() >= firstSeqAfterBacklog)
                .isEmpty();
        assertThat(topic).filteredOn(s -> s.seq() >= firstSeqAfterBacklog).isNotEmpty();
        if (sendTimeoutMs >= 10_000) {
            // No replay can begin during the outage (no send fails; the drainer is blocked on the
            // full send queue), so every reading stored then is on the backlog side or was sent
            // before the replay: none carries the header.
            assertThat(marked)
                    .as("marked readings stored during the outage")
                    .filteredOn(s -> s.seq() <= BACKLOG)
                    .isEmpty();
        }
    }

    /** Gateway: outbox on, replay bound 1,000/s, live share 20 %, 100 records in flight. */
    private GatewayConfig config(int sendTimeoutMs) {
        GatewayConfig base = GatewayTestSupport.config();
        KafkaSettings k = base.kafka();
        return base.withKafka(
                        new KafkaSettings(
                                kafka.bootstrapServers(),
                                100,
                                sendTimeoutMs,
                                k.lingerMs(),
                                k.batchBytes(),
                                k.compression()))
                // No filters; the ledger timer (window / 4) does not fire during the test.
                .withFilters(List.of(), new AggregationSettings(3_600_000, 5_000))
                .withOutbox(
                        new OutboxSettings(
                                true,
                                dir.resolve("outbox-" + sendTimeoutMs).toString(),
                                256L << 20,
                                FsyncPolicy.EVERY_BATCH,
                                1000,
                                OverflowPolicy.REJECT_NEW,
                                1_000,
                                20));
    }

    private double gauge(String name) {
        return OutboxTestGateways.gauge(gateway, name);
    }

    private static KafkaConsumer<String, byte[]> telemetryConsumer() {
        KafkaConsumer<String, byte[]> c = kafka.consumer("ahead-" + System.nanoTime(), false);
        String t = Topics.TELEMETRY.name();
        List<TopicPartition> parts =
                c.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    /** One poll of the telemetry topic: {@code device}'s records in topic order. */
    private static List<Seen> poll(KafkaConsumer<String, byte[]> consumer, String device)
            throws Exception {
        List<Seen> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            Telemetry t = Telemetry.parseFrom(r.value());
            if (!t.getDeviceId().equals(device)) {
                continue;
            }
            boolean ahead = false;
            for (Header h : r.headers().headers(RecordSink.AHEAD_OF_BACKLOG_HEADER)) {
                assertThat(ahead).as("one header per record").isFalse();
                assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo("1");
                ahead = true;
            }
            out.add(new Seen(t.getDeviceId(), t.getSeq(), t.getEventTimeMs(), ahead));
        }
        return out;
    }

    /**
     * Marked copies that no later record of their device predates: nothing older of that device was
     * still to come when they were sent, so the mark was wrong.
     */
    private static List<Seen> markedWithNothingOlderAfter(List<Seen> topic) {
        Map<String, Long> oldestAfter = new HashMap<>();
        List<Seen> out = new ArrayList<>();
        for (int i = topic.size() - 1; i >= 0; i--) {
            Seen s = topic.get(i);
            Long oldest = oldestAfter.get(s.device());
            if (s.ahead() && (oldest == null || oldest >= s.eventTimeMs())) {
                out.add(s);
            }
            oldestAfter.merge(s.device(), s.eventTimeMs(), Math::min);
        }
        return out;
    }

    /** Copies that a newer reading of their device precedes in the topic: they were overtaken. */
    private static List<Seen> overtaken(List<Seen> topic) {
        Map<String, Long> newestBefore = new HashMap<>();
        List<Seen> out = new ArrayList<>();
        for (Seen s : topic) {
            Long newest = newestBefore.get(s.device());
            if (newest != null && newest > s.eventTimeMs()) {
                out.add(s);
            }
            newestBefore.merge(s.device(), s.eventTimeMs(), Math::max);
        }
        return out;
    }

    /** The live side: one reading every 20 ms (50/s) after the backlog, not waiting for PUBACKs. */
    private static void publishEvery20Ms(
            AckedPublishers pub, String device, AtomicInteger lastSeq, AtomicBoolean publishing) {
        long next = System.nanoTime();
        while (publishing.get()) {
            pub.publish(device, lastSeq.incrementAndGet());
            next += TimeUnit.MILLISECONDS.toNanos(20);
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }
}
