package io.fieldline.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.gateway.forward.ReplayCursor.Side;
import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.gateway.outbox.FsyncPolicy;
import io.fieldline.gateway.outbox.OutboxConfig;
import io.fieldline.gateway.outbox.OutboxRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drainer's two cursors over a real outbox: live records get their share while the backlog goes
 * oldest-first, the cursors merge, and no offset is skipped or handed out twice.
 */
class ReplayCursorTest {
    @TempDir Path dir;
    private DiskOutbox outbox;

    @BeforeEach
    void open() throws Exception {
        outbox = DiskOutbox.open(OutboxConfig.defaults(dir).withFsync(FsyncPolicy.NONE, 1000));
    }

    @AfterEach
    void close() throws Exception {
        outbox.close();
    }

    private void append(int n) {
        for (int i = 0; i < n; i++) {
            outbox.append(new byte[] {(byte) i});
        }
    }

    private record Sent(Side side, long offset) {}

    /** Hands out everything, {@code max} records per batch, as the drainer would send it. */
    private static List<Sent> drain(ReplayCursor cursor, DiskOutbox outbox, int max) {
        List<Sent> out = new ArrayList<>();
        for (var b = cursor.next(outbox, max);
                !b.records().isEmpty();
                b = cursor.next(outbox, max)) {
            for (OutboxRecord r : b.records()) {
                out.add(new Sent(b.side(), r.offset()));
                cursor.sent(b.side(), r);
            }
        }
        return out;
    }

    private static List<Long> offsets(List<Sent> sent, Side side) {
        return sent.stream().filter(s -> s.side() == side).map(Sent::offset).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void liveRecordsGetTheirShareWhileTheBacklogGoesOldestFirst() {
        append(1000); // backlog 0..999
        ReplayCursor cursor = new ReplayCursor(0.2);
        cursor.restart(0, 1000);
        append(1000); // live 1000..1999
        List<Sent> sent = drain(cursor, outbox, 10);

        assertThat(sent.stream().map(Sent::offset).sorted().toList()).isEqualTo(range(0, 2000));
        assertThat(offsets(sent, Side.BACKLOG)).isEqualTo(range(0, 1000));
        int lastBacklog = sent.indexOf(new Sent(Side.BACKLOG, 999));
        long liveBeforeBacklogDone =
                sent.subList(0, lastBacklog).stream().filter(s -> s.side() == Side.LIVE).count();
        // 20 % of the sends while the backlog lasted: 1000 backlog -> 250 live, +- one batch.
        assertThat(liveBeforeBacklogDone).isBetween(240L, 260L);
        assertThat(cursor.replaying()).isFalse();
        assertThat(offsets(sent, Side.LIVE)).isEqualTo(range(1000, 2000));
    }

    @Test
    void zeroShareIsStrictlyOldestFirst() {
        append(300);
        ReplayCursor cursor = new ReplayCursor(0);
        cursor.restart(0, 300);
        append(300);
        List<Sent> sent = drain(cursor, outbox, 50);
        assertThat(sent.stream().map(Sent::offset).toList()).isEqualTo(range(0, 600));
    }

    @Test
    void theBacklogGetsEverythingWhenNoLiveRecordWaits() {
        append(500);
        ReplayCursor cursor = new ReplayCursor(0.5);
        cursor.restart(0, 500);
        List<Sent> sent = drain(cursor, outbox, 64);
        assertThat(offsets(sent, Side.BACKLOG)).isEqualTo(range(0, 500));
        assertThat(offsets(sent, Side.LIVE)).isEmpty();
        append(10); // after the merge one cursor continues where the live one stood
        assertThat(offsets(drain(cursor, outbox, 64), Side.LIVE)).isEqualTo(range(500, 510));
    }

    @Test
    void aWrongSplitMovesRecordsBetweenSidesButSkipsNone() {
        append(400);
        for (long split : new long[] {0, 150, 400, 10_000}) {
            ReplayCursor cursor = new ReplayCursor(0.3);
            cursor.restart(0, split);
            List<Sent> sent = drain(cursor, outbox, 32);
            assertThat(sent.stream().map(Sent::offset).sorted().toList())
                    .as("split at %d", split)
                    .isEqualTo(range(0, 400));
        }
    }

    @Test
    void aSplitWithoutFailureMakesWhatIsNotYetHandedOutTheBacklog() {
        append(100);
        ReplayCursor cursor = new ReplayCursor(0.25);
        cursor.restart(0, 100);
        assertThat(drain(cursor, outbox, 40)).hasSize(100); // merged, caught up at 100
        append(400); // Kafka slow: 100..499 pile up
        assertThat(cursor.split(500)).isTrue();
        assertThat(cursor.split(500)).isFalse();
        append(100); // live 500..599
        List<Sent> sent = drain(cursor, outbox, 10);
        assertThat(offsets(sent, Side.BACKLOG)).isEqualTo(range(100, 500));
        assertThat(offsets(sent, Side.LIVE)).isEqualTo(range(500, 600));
        assertThat(sent.subList(0, 200))
                .filteredOn(s -> s.side() == Side.LIVE)
                .hasSizeBetween(40, 60);
    }

    @Test
    void aLiveBatchHandedOutWhileReplayingAlwaysLeavesABacklogRecordUnsent() {
        // The drainer marks such batches as ahead of the backlog: the mark must be true for every
        // record, including the last live batch before the merge, for any share, batch and split.
        append(500);
        for (double share : new double[] {0.2, 0.5, 0.9}) {
            for (int max : new int[] {1, 7, 64}) {
                for (long split : new long[] {0, 1, 137, 499, 500}) {
                    ReplayCursor cursor = new ReplayCursor(share);
                    cursor.restart(0, split);
                    java.util.BitSet sent = new java.util.BitSet();
                    int aheadBatches = 0;
                    for (var b = cursor.next(outbox, max);
                            !b.records().isEmpty();
                            b = cursor.next(outbox, max)) {
                        if (b.side() == Side.LIVE && cursor.replaying()) {
                            aheadBatches++;
                            assertThat(sent.nextClearBit(0))
                                    .as("share %s, batch %d, split %d", share, max, split)
                                    .isLessThan((int) split);
                        }
                        for (OutboxRecord r : b.records()) {
                            sent.set((int) r.offset());
                            cursor.sent(b.side(), r);
                        }
                    }
                    assertThat(sent.cardinality()).isEqualTo(500);
                    assertThat(cursor.replaying()).isFalse();
                    assertThat(aheadBatches > 0)
                            .as("share %s, batch %d, split %d", share, max, split)
                            .isEqualTo(split > 0 && split < 500);
                }
            }
        }
    }

    @Test
    void aLongRunOfAcknowledgedRecordsAfterTheBacklogCursorIsPassedOver() {
        // After a failed send, the records behind the failed one may already be acknowledged:
        // the backlog cursor starts at the failed one and must not stop at the acked run.
        append(300);
        for (long o = 1; o <= 150; o++) {
            outbox.acknowledge(o);
        }
        ReplayCursor cursor = new ReplayCursor(0.2);
        cursor.restart(outbox.firstUnacknowledged(), 300);
        List<Sent> sent = drain(cursor, outbox, 16);
        assertThat(sent.stream().map(Sent::offset).toList())
                .containsExactlyElementsOf(
                        java.util.stream.Stream.concat(
                                        java.util.stream.Stream.of(0L), range(151, 300).stream())
                                .toList());
    }

    @Test
    void acknowledgedRecordsAreNotHandedOutAgain() {
        append(100);
        for (long o = 0; o < 100; o += 2) {
            outbox.acknowledge(o);
        }
        ReplayCursor cursor = new ReplayCursor(0.2);
        cursor.restart(outbox.firstUnacknowledged(), 60);
        List<Sent> sent = drain(cursor, outbox, 16);
        assertThat(sent.stream().map(Sent::offset).sorted().toList())
                .isEqualTo(LongStream.range(0, 50).map(i -> 2 * i + 1).boxed().toList());
    }
}
