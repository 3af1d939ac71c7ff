package io.fieldline.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bound holds 40 frames of 100 bytes (4 segments of 10); every count below is exact. */
@Timeout(30)
class OverflowPolicyTest {
    @TempDir Path dir;

    private DiskOutbox open(OverflowPolicy policy) throws IOException {
        return DiskOutbox.open(Records.small(dir).withOverflow(policy));
    }

    private static long accepted(DiskOutbox outbox, int count, int priority) {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += outbox.append(Records.payload(i), priority).isAccepted() ? 1 : 0;
        }
        return n;
    }

    @Test
    void rejectNewRefusesAppendsBeyondTheBoundAndAcceptsAgainAfterAcks() throws IOException {
        try (DiskOutbox outbox = open(OverflowPolicy.REJECT_NEW)) {
            assertThat(accepted(outbox, 50, 0)).isEqualTo(40);
            assertThat(outbox.append(Records.payload(0)).status())
                    .isEqualTo(AppendResult.Status.REJECTED);
            assertThat(outbox.counters().rejected()).isEqualTo(11);
            assertThat(outbox.totalBytes()).isEqualTo(4000);

            for (long o = 0; o < 10; o++) {
                outbox.acknowledge(o);
            }

            assertThat(accepted(outbox, 12, 0)).isEqualTo(10);
            assertThat(outbox.counters().rejected()).isEqualTo(13);
            assertThat(outbox.pendingRecords()).isEqualTo(40);
            assertThat(outbox.counters().appended()).isEqualTo(50);
        }
    }

    @Test
    void dropOldestDeletesOldestSegmentCountingOnlyItsUnacknowledgedRecords() throws IOException {
        try (DiskOutbox outbox = open(OverflowPolicy.DROP_OLDEST)) {
            accepted(outbox, 40, 0);
            for (long o : new long[] {0, 1, 2, 5}) {
                outbox.acknowledge(o);
            }

            assertThat(outbox.append(Records.payload(40)).offset()).isEqualTo(40);

            assertThat(outbox.counters().droppedOldest()).isEqualTo(6);
            assertThat(outbox.firstUnacknowledged()).isEqualTo(10);
            assertThat(outbox.read(0, 1, Integer.MAX_VALUE).get(0).offset()).isEqualTo(10);
            assertThat(outbox.pendingRecords()).isEqualTo(31);

            assertThat(accepted(outbox, 19, 0)).isEqualTo(19);
            assertThat(outbox.counters().droppedOldest()).isEqualTo(16);
            assertThat(outbox.counters().rejected()).isZero();
            assertThat(outbox.firstUnacknowledged()).isEqualTo(20);
            assertThat(outbox.pendingRecords()).isEqualTo(40);
            // A late Kafka ack for a dropped record is ignored and counted.
            assertThat(outbox.acknowledge(3)).isFalse();
            assertThat(outbox.counters().ignoredAcks()).isEqualTo(1);
        }
    }

    @Test
    void degradeShedsLeastImportantPendingRecordsFirst() throws IOException {
        try (DiskOutbox outbox = open(OverflowPolicy.DEGRADE)) {
            // offsets 4k: priority 0, 4k+1: priority 1, 4k+2 and 4k+3: priority 3
            for (int o = 0; o < 40; o++) {
                outbox.append(Records.payload(o), new int[] {0, 1, 3, 3}[o % 4]);
            }
            outbox.acknowledge(2);

            AppendResult r = outbox.append(Records.payload(40), 1);

            assertThat(r.offset()).isEqualTo(40);
            assertThat(outbox.counters().shedDegraded()).isEqualTo(19);
            List<OutboxRecord> kept = outbox.read(0, 100, Integer.MAX_VALUE);
            assertThat(kept).hasSize(21);
            assertThat(kept).allSatisfy(k -> assertThat(k.priority()).isLessThanOrEqualTo(1));
            assertThat(kept)
                    .allSatisfy(
                            k -> assertThat(k.payload()).isEqualTo(Records.payload(k.offset())));
            assertThat(outbox.totalBytes()).isEqualTo(2100);
            assertThat(outbox.pendingRecords()).isEqualTo(21);
        }
    }

    @Test
    void degradeShedsAnIncomingRecordNoMoreImportantThanAnyPendingAndRejectsPriorityZero()
            throws IOException {
        try (DiskOutbox outbox = open(OverflowPolicy.DEGRADE)) {
            assertThat(accepted(outbox, 40, 2)).isEqualTo(40);

            assertThat(outbox.append(Records.payload(0), 2).status())
                    .isEqualTo(AppendResult.Status.SHED);
            assertThat(outbox.append(Records.payload(0), 5).status())
                    .isEqualTo(AppendResult.Status.SHED);
            assertThat(outbox.counters().shedDegraded()).isEqualTo(2);

            // A must-keep record sheds every pending priority-2 record.
            assertThat(outbox.append(Records.payload(40), 0).offset()).isEqualTo(40);
            assertThat(outbox.counters().shedDegraded()).isEqualTo(42);
            assertThat(outbox.pendingRecords()).isEqualTo(1);

            assertThat(accepted(outbox, 39, 0)).isEqualTo(39);
            assertThat(outbox.append(Records.payload(0), 0).status())
                    .isEqualTo(AppendResult.Status.REJECTED);
            assertThat(outbox.counters().rejected()).isEqualTo(1);
            assertThat(outbox.counters().appended()).isEqualTo(80);
        }
    }

    @Test
    void shedRecordsStayGoneAfterRestart() throws IOException {
        try (DiskOutbox outbox = open(OverflowPolicy.DEGRADE)) {
            for (int o = 0; o < 40; o++) {
                outbox.append(Records.payload(o), o % 2 == 0 ? 0 : 4);
            }
            outbox.append(Records.payload(40), 0);
            assertThat(outbox.counters().shedDegraded()).isEqualTo(20);
        }
        try (DiskOutbox reopened = open(OverflowPolicy.DEGRADE)) {
            List<OutboxRecord> all = reopened.read(0, 100, Integer.MAX_VALUE);
            assertThat(all).hasSize(21).allSatisfy(r -> assertThat(r.offset() % 2).isZero());
            assertThat(reopened.recoveryReport().truncatedBytes()).isZero();
            assertThat(reopened.append(Records.payload(41), 0).offset()).isEqualTo(41);
        }
    }
}
