package io.fieldline.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DiskOutboxTest {
    @TempDir Path dir;

    private static void appendRange(DiskOutbox outbox, long from, long to) {
        for (long o = from; o < to; o++) {
            assertThat(outbox.append(Records.payload(o)).offset()).isEqualTo(o);
        }
    }

    private static List<Long> offsets(List<OutboxRecord> records) {
        return records.stream().map(OutboxRecord::offset).toList();
    }

    private List<String> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("segment-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void appendedRecordsAreReadBackInOrderAcrossSegments() throws IOException {
        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir), () -> 1_000L)) {
            appendRange(outbox, 0, 25);

            List<OutboxRecord> all = outbox.read(0, 100, Integer.MAX_VALUE);

            assertThat(offsets(all))
                    .containsExactlyElementsOf(Stream.iterate(0L, o -> o + 1).limit(25).toList());
            assertThat(all)
                    .allSatisfy(
                            r -> assertThat(r.payload()).isEqualTo(Records.payload(r.offset())));
            assertThat(all.get(0).appendTimeMs()).isEqualTo(1_000L);
            assertThat(segmentFiles())
                    .containsExactly(
                            "segment-00000000000000000000.log",
                            "segment-00000000000000000010.log",
                            "segment-00000000000000000020.log");
            assertThat(outbox.pendingRecords()).isEqualTo(25);
            assertThat(outbox.pendingBytes()).isEqualTo(2500);
            assertThat(outbox.oldestPendingAppendTimeMs()).isEqualTo(1_000L);
        }
    }

    @Test
    void readHonoursRecordAndByteLimitsAndStartOffset() throws IOException {
        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            appendRange(outbox, 0, 25);

            assertThat(offsets(outbox.read(8, 5, Integer.MAX_VALUE)))
                    .containsExactly(8L, 9L, 10L, 11L, 12L);
            assertThat(offsets(outbox.read(8, 100, 300))).containsExactly(8L, 9L, 10L);
            assertThat(offsets(outbox.read(24, 100, 1))).containsExactly(24L);
            assertThat(outbox.read(25, 100, 1000)).isEmpty();
        }
    }

    @Test
    void segmentsWhollyAcknowledgedAreDeletedEvenWhenAcksArriveOutOfOrder() throws IOException {
        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            appendRange(outbox, 0, 25);
            for (long o = 19; o >= 1; o--) {
                assertThat(outbox.acknowledge(o)).isTrue();
            }
            assertThat(outbox.firstUnacknowledged()).isZero();
            assertThat(segmentFiles()).hasSize(3);

            assertThat(outbox.acknowledge(0)).isTrue();

            assertThat(outbox.firstUnacknowledged()).isEqualTo(20);
            assertThat(segmentFiles()).containsExactly("segment-00000000000000000020.log");
            assertThat(outbox.pendingRecords()).isEqualTo(5);
            assertThat(outbox.acknowledge(3)).isFalse();
            assertThat(outbox.counters().acknowledged()).isEqualTo(20);
            assertThat(outbox.counters().ignoredAcks()).isEqualTo(1);
        }
    }

    @Test
    void restartResumesAtFirstUnacknowledgedRecord() throws IOException {
        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            appendRange(outbox, 0, 25);
            for (long o : new long[] {4, 0, 1, 5, 2, 12}) {
                outbox.acknowledge(o);
            }
            assertThat(outbox.firstUnacknowledged()).isEqualTo(3);
            assertThat(outbox.pendingRecords()).isEqualTo(19);
        }

        try (DiskOutbox reopened = DiskOutbox.open(Records.small(dir))) {
            assertThat(reopened.recoveryReport().checkpointFound()).isTrue();
            assertThat(reopened.recoveryReport().truncatedBytes()).isZero();
            assertThat(reopened.firstUnacknowledged()).isEqualTo(3);
            // Out-of-order acks above the watermark are not persisted: 4, 5 and 12 are re-sent.
            List<OutboxRecord> pending = reopened.read(0, 100, Integer.MAX_VALUE);
            assertThat(offsets(pending)).first().isEqualTo(3L);
            assertThat(pending).hasSize(22);
            assertThat(reopened.append(Records.payload(25)).offset()).isEqualTo(25);
        }
    }

    @Test
    void restartAfterEverythingWasAcknowledgedKeepsOffsetsIncreasing() throws IOException {
        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            appendRange(outbox, 0, 20);
            for (long o = 0; o < 20; o++) {
                outbox.acknowledge(o);
            }
        }
        try (DiskOutbox reopened = DiskOutbox.open(Records.small(dir))) {
            assertThat(reopened.firstUnacknowledged()).isEqualTo(20);
            assertThat(reopened.pendingRecords()).isZero();
            assertThat(reopened.oldestPendingAppendTimeMs()).isEqualTo(-1);
            assertThat(reopened.append(Records.payload(20)).offset()).isEqualTo(20);
        }
    }

    @Test
    void everyBatchCompletesDurableFuturesAfterGroupFsync() throws Exception {
        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir).withMaxBytes(1 << 20))) {
            appendRange(outbox, 0, 500);

            outbox.durable(499).get(10, TimeUnit.SECONDS);

            assertThat(outbox.durable(0)).isCompleted();
        }
    }

    @Test
    void watermarkIsCheckpointedPeriodicallyWhileAppendsContinue() throws Exception {
        OutboxConfig config = Records.small(dir).withMaxBytes(1 << 20).withCheckpointIntervalMs(20);
        try (DiskOutbox outbox = DiskOutbox.open(config)) {
            appendRange(outbox, 0, 20);
            for (long o = 0; o < 12; o++) {
                outbox.acknowledge(o);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long next = 20;
            while (Checkpoint.read(dir).orElse(-1) != 12 && System.nanoTime() < deadline) {
                outbox.append(Records.payload(next++)); // keep the fsync thread busy
                TimeUnit.MILLISECONDS.sleep(1);
            }
            assertThat(Checkpoint.read(dir)).hasValue(12);
        }
    }

    @Test
    void durableFuturesFailOnceTheOutboxIsClosed() throws Exception {
        DiskOutbox outbox = DiskOutbox.open(Records.small(dir));
        outbox.close();

        assertThat(outbox.durable(7)).isCompletedExceptionally();
    }
}
