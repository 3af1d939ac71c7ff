package io.fieldline.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 25 records of 100-byte frames: segments 0-9, 10-19 and 20-24, damaged between two opens. */
@Timeout(30)
class RecoveryTest {
    @TempDir Path dir;

    @BeforeEach
    void writeRecords() throws IOException {
        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            for (long o = 0; o < 25; o++) {
                outbox.append(Records.payload(o));
            }
        }
    }

    private Path segment(long base) {
        return Segment.pathFor(dir, base);
    }

    private void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0x5A);
        }
    }

    private static List<Long> offsets(DiskOutbox outbox) {
        return outbox.read(0, 1000, Integer.MAX_VALUE).stream().map(OutboxRecord::offset).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void tornTailIsTruncatedAndCounted() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(segment(20).toFile(), "rw")) {
            f.setLength(470); // record 24 starts at 400: 70 of its 100 bytes remain
        }

        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            RecoveryReport report = outbox.recoveryReport();
            assertThat(report.truncatedBytes()).isEqualTo(70);
            assertThat(report.truncatedFrames()).isEqualTo(1);
            assertThat(report.truncatedSegments())
                    .containsExactly("segment-00000000000000000020.log");
            assertThat(report.records()).isEqualTo(24);
            assertThat(outbox.counters().truncatedOnRecovery()).isEqualTo(1);
            assertThat(offsets(outbox)).isEqualTo(range(0, 24));
            assertThat(Files.size(segment(20))).isEqualTo(400);
            assertThat(outbox.append(Records.payload(24)).offset()).isEqualTo(24);
        }
        try (DiskOutbox again = DiskOutbox.open(Records.small(dir))) {
            assertThat(again.recoveryReport().truncatedBytes()).isZero();
            assertThat(again.read(24, 1, 1000).get(0).payload()).isEqualTo(Records.payload(24));
        }
    }

    @Test
    void corruptCrcInLastFrameIsTruncatedAndCounted() throws IOException {
        flipByte(segment(20), 400 + Frame.HEADER + 10);

        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            assertThat(outbox.recoveryReport().truncatedBytes()).isEqualTo(100);
            assertThat(outbox.recoveryReport().truncatedFrames()).isEqualTo(1);
            assertThat(offsets(outbox)).isEqualTo(range(0, 24));
        }
    }

    @Test
    void corruptFrameInsideNewestSegmentCutsItAndEverythingAfter() throws IOException {
        flipByte(segment(20), 100 + 12); // the offset field of record 21

        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            assertThat(outbox.recoveryReport().truncatedBytes()).isEqualTo(400);
            assertThat(outbox.recoveryReport().truncatedFrames()).isEqualTo(4);
            assertThat(offsets(outbox)).isEqualTo(range(0, 21));
            assertThat(outbox.append(Records.payload(21)).offset()).isEqualTo(21);
        }
    }

    @Test
    void corruptFrameInSealedSegmentKeepsLaterSegments() throws IOException {
        flipByte(segment(10), 500 + Frame.HEADER);

        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            assertThat(outbox.recoveryReport().truncatedBytes()).isEqualTo(500);
            assertThat(outbox.recoveryReport().truncatedFrames()).isEqualTo(5);
            List<Long> expected = new java.util.ArrayList<>(range(0, 15));
            expected.addAll(range(20, 25));
            assertThat(offsets(outbox)).isEqualTo(expected);
            assertThat(outbox.append(Records.payload(25)).offset()).isEqualTo(25);
        }
    }

    @Test
    void corruptCheckpointMeansEverythingIsResent() throws IOException {
        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            outbox.acknowledge(0);
        }
        flipByte(dir.resolve(Checkpoint.FILE), 3);

        try (DiskOutbox outbox = DiskOutbox.open(Records.small(dir))) {
            assertThat(outbox.recoveryReport().checkpointFound()).isFalse();
            assertThat(outbox.firstUnacknowledged()).isZero();
            assertThat(outbox.pendingRecords()).isEqualTo(25);
        }
    }
}
