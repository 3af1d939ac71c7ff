package io.fieldline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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
 * A backlog built during a Kafka outage is replayed at a bounded rate while a device keeps
 * publishing: with a live share its fresh readings reach Kafka while the backlog is still being
 * replayed; with share 0 (strictly oldest-first, the control) only after it. Everything PUBACKed
 * arrives either way. One partition, so the topic order is the send order.
 */
@Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveShareReplayTest {
    private static final Logger LOG = LoggerFactory.getLogger(LiveShareReplayTest.class);
    private static final int BACKLOG_PER_DEVICE = 3_000;
    private static EmbeddedKafka kafka;
    private Vertx vertx;
    private Gateway gateway;

    @TempDir Path dir;

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

    @ParameterizedTest(name = "live share {0} %")
    @ValueSource(ints = {20, 0})
    void liveReadingsOvertakeTheBacklogOnlyWithALiveShare(int share) throws Exception {
        vertx = Vertx.vertx();
        // A small in-flight cap: what sits in the producer's queue is sent in order whatever the
        // share.
        gateway = OutboxTestGateways.start(vertx, kafka.bootstrapServers(), dir, 100, 1_000, share);
        await().atMost(Duration.ofSeconds(30)).until(gateway::ready);
        String tag = "s" + share;
        List<String> backlogDevices =
                List.of(GatewayTestSupport.newDevice(tag), GatewayTestSupport.newDevice(tag));
        String liveDevice = GatewayTestSupport.newDevice(tag + "-live");
        int backlog = backlogDevices.size() * BACKLOG_PER_DEVICE;
        try (AckedPublishers old = new AckedPublishers(gateway.mqttPort(), backlogDevices);
                AckedPublishers live =
                        new AckedPublishers(gateway.mqttPort(), List.of(liveDevice))) {
            kafka.stopBroker();
            try {
                old.publishAll(1, BACKLOG_PER_DEVICE);
                assertThat(old.acked()).isEqualTo(backlog);
            } finally {
                kafka.restartBroker();
            }
            AtomicBoolean publishing = new AtomicBoolean(true);
            CompletableFuture<Void> liveLoad =
                    CompletableFuture.runAsync(
                            () -> publishEvery20Ms(live, liveDevice, publishing));
            TelemetryCopies topic = new TelemetryCopies(kafka);
            int backlogSeen = 0;
            int liveBeforeBacklogDone = 0;
            double rateDuringReplay = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (backlogSeen < backlog && System.nanoTime() < deadline) {
                for (String k : topic.poll(Duration.ofMillis(100))) {
                    if (k.startsWith(liveDevice + "#")) {
                        liveBeforeBacklogDone += backlogSeen < backlog ? 1 : 0;
                    } else if (topic.copies().get(k) == 1) {
                        backlogSeen++;
                    }
                }
                rateDuringReplay =
                        Math.max(
                                rateDuringReplay,
                                OutboxTestGateways.gauge(
                                        gateway, "fieldline.gateway.outbox.drain.rate"));
            }
            publishing.set(false);
            liveLoad.get(10, TimeUnit.SECONDS);
            List<String> expected = new ArrayList<>(old.ackedKeys());
            expected.addAll(live.ackedKeys());
            topic.readUntilAll(expected, Duration.ofSeconds(60));
            topic.close();
            LOG.info(
                    "live share {} %: backlog {}, live readings in Kafka before the backlog was done {}, live PUBACKed {}, peak drain rate {}/s, duplicates {}",
                    share,
                    backlog,
                    liveBeforeBacklogDone,
                    live.acked(),
                    Math.round(rateDuringReplay),
                    topic.duplicates());
            assertThat(expected.stream().filter(k -> !topic.copies().containsKey(k)).toList())
                    .as("PUBACKed readings missing in Kafka")
                    .isEmpty();
            if (share > 0) {
                assertThat(liveBeforeBacklogDone).isGreaterThanOrEqualTo(20);
                assertThat(
                                OutboxTestGateways.gauge(
                                        gateway, "fieldline.gateway.outbox.replay.live.sent"))
                        .isGreaterThanOrEqualTo(liveBeforeBacklogDone);
            } else {
                assertThat(liveBeforeBacklogDone).isZero();
            }
        }
    }

    /** The live device: one reading every 20 ms (50/s), not waiting for PUBACKs. */
    private static void publishEvery20Ms(
            AckedPublishers live, String device, AtomicBoolean publishing) {
        long next = System.nanoTime();
        for (int seq = 1; publishing.get(); seq++) {
            live.publish(device, seq);
            next += TimeUnit.MILLISECONDS.toNanos(20);
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }
}
