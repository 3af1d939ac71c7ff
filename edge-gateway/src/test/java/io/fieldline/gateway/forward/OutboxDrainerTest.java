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
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
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
}
