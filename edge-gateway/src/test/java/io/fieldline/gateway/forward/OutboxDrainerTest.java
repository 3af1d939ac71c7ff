package io.fieldline.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.kafka.KafkaSender;
import io.fieldline.gateway.kafka.RecordSink;
import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.gateway.outbox.FsyncPolicy;
import io.fieldline.gateway.outbox.OutboxConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drainer against a {@link MockProducer} whose sends the test completes or fails: after a
 * failed batch it replays from the first unacknowledged record (records appended meanwhile go to
 * the backlog or the live side, depending on timing; the live share itself is in {@code
 * LiveShareReplayTest}), and every record is acknowledged by "Kafka" at least once, none skipped.
 */
@Timeout(60)
class OutboxDrainerTest {
    @TempDir Path dir;
    private DiskOutbox outbox;
    private MockProducer<String, byte[]> producer;
    private KafkaSender sender;
    private OutboxDrainer drainer;

    @BeforeEach
    void open() throws Exception {
        outbox = DiskOutbox.open(OutboxConfig.defaults(dir).withFsync(FsyncPolicy.NONE, 1000));
        producer =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        sender = new KafkaSender(c -> producer, Map.of(), 100);
    }

    @AfterEach
    void close() throws Exception {
        drainer.close();
        sender.close(Duration.ofSeconds(1));
        outbox.close();
    }

    private void append(int from, int to) {
        for (int i = from; i < to; i++) {
            byte[] v = ("r" + i).getBytes(StandardCharsets.UTF_8);
            outbox.append(new Envelope("t", "k", v).encode());
        }
    }

    /** Completes (or fails) every send the mock holds, in order; returns how many. */
    private int completeAll(boolean fail) {
        int n = 0;
        while (fail
                ? producer.errorNext(new TimeoutException("expired"))
                : producer.completeNext()) {
            n++;
        }
        return n;
    }

    @Test
    void afterAFailedBatchEveryRecordIsSentAgainAndNoneIsSkipped() {
        append(0, 6_000);
        drainer = new OutboxDrainer(outbox, new RecordSink(sender, "gw"), 0, 20);
        await().until(() -> producer.history().size() >= 100);
        completeAll(false); // the first 100 reach Kafka
        await().until(() -> producer.history().size() >= 200);
        completeAll(true); // the next batch fails: back-off, replay from the first unacked
        append(6_000, 6_500); // live while the replay runs
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            completeAll(false);
                            return outbox.pendingRecords() == 0;
                        });
        Map<String, Integer> copies = new HashMap<>();
        for (ProducerRecord<String, byte[]> r : producer.history()) {
            copies.merge(new String(r.value(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        assertThat(copies).hasSize(6_500);
        assertThat(drainer.acked()).isEqualTo(6_500);
        assertThat(drainer.failures()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void liveRecordsSentBeforeTheBacklogIsDoneAndOnlyThoseCarryTheAheadOfBacklogHeader() {
        append(0, 1_000); // the backlog of the start-up replay
        drainer = new OutboxDrainer(outbox, new RecordSink(sender, "gw"), 0, 20);
        await().until(() -> producer.history().size() >= 100); // the replay is on, 100 in flight
        append(1_000, 1_300); // live
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            completeAll(false);
                            return outbox.pendingRecords() == 0;
                        });
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).hasSize(1_300);
        int lastBacklog = -1;
        for (int i = 0; i < sent.size(); i++) {
            if (index(sent.get(i)) == 999) {
                lastBacklog = i;
            }
        }
        int marked = 0;
        for (int i = 0; i < sent.size(); i++) {
            ProducerRecord<String, byte[]> r = sent.get(i);
            Header h = r.headers().lastHeader(RecordSink.AHEAD_OF_BACKLOG_HEADER);
            boolean live = index(r) >= 1_000;
            assertThat(h != null)
                    .as("record r%d at send position %d", index(r), i)
                    .isEqualTo(live && i < lastBacklog);
            if (h != null) {
                assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo("1");
                marked++;
            }
        }
        // 20 % of the sends while ~900 backlog records were left: ~225 live, +- a batch.
        assertThat(marked).isBetween(150, 300);
        assertThat(drainer.liveSentDuringReplay()).isEqualTo(marked);
    }

    private static int index(ProducerRecord<String, byte[]> r) {
        return Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).substring(1));
    }
}
