package io.fieldline.gateway.outbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link DiskOutbox}; validated on construction. Start from {@link #defaults(Path)}
 * and adjust with the {@code with*} methods.
 *
 * @param directory where the segment and checkpoint files live (one outbox per directory)
 * @param segmentBytes maximum size of one segment file; also bounds one record's payload
 * @param maxBytes bound on the total size of all segment files
 * @param fsyncPolicy when records become durable
 * @param fsyncIntervalMs fsync period under {@link FsyncPolicy#INTERVAL}
 * @param overflowPolicy what an append does when {@code maxBytes} is reached
 * @param checkpointIntervalMs how often a changed watermark is persisted (also on close)
 */
public record OutboxConfig(
        Path directory,
        int segmentBytes,
        long maxBytes,
        FsyncPolicy fsyncPolicy,
        long fsyncIntervalMs,
        OverflowPolicy overflowPolicy,
        long checkpointIntervalMs) {

    public OutboxConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        if (segmentBytes < 1024 || segmentBytes > (1 << 30)) {
            throw new IllegalArgumentException(
                    "segmentBytes must be in [1 KiB, 1 GiB]: " + segmentBytes);
        }
        if (maxBytes < 2L * segmentBytes) {
            // DROP_OLDEST and DEGRADE free space segment by segment: two must fit.
            throw new IllegalArgumentException("maxBytes must be >= 2 * segmentBytes: " + maxBytes);
        }
        if (fsyncIntervalMs < 1 || checkpointIntervalMs < 1) {
            throw new IllegalArgumentException(
                    "fsyncIntervalMs and checkpointIntervalMs must be >= 1");
        }
    }

    /** 16 MiB segments, 256 MiB bound, EVERY_BATCH, REJECT_NEW, 1 s fsync/checkpoint period. */
    public static OutboxConfig defaults(Path directory) {
        return new OutboxConfig(
                directory,
                16 << 20,
                256L << 20,
                FsyncPolicy.EVERY_BATCH,
                1000,
                OverflowPolicy.REJECT_NEW,
                1000);
    }

    public OutboxConfig withSegmentBytes(int bytes) {
        return new OutboxConfig(
                directory,
                bytes,
                maxBytes,
                fsyncPolicy,
                fsyncIntervalMs,
                overflowPolicy,
                checkpointIntervalMs);
    }

    public OutboxConfig withMaxBytes(long bytes) {
        return new OutboxConfig(
                directory,
                segmentBytes,
                bytes,
                fsyncPolicy,
                fsyncIntervalMs,
                overflowPolicy,
                checkpointIntervalMs);
    }

    public OutboxConfig withFsync(FsyncPolicy policy, long intervalMs) {
        return new OutboxConfig(
                directory,
                segmentBytes,
                maxBytes,
                policy,
                intervalMs,
                overflowPolicy,
                checkpointIntervalMs);
    }

    public OutboxConfig withOverflow(OverflowPolicy policy) {
        return new OutboxConfig(
                directory,
                segmentBytes,
                maxBytes,
                fsyncPolicy,
                fsyncIntervalMs,
                policy,
                checkpointIntervalMs);
    }

    public OutboxConfig withCheckpointIntervalMs(long ms) {
        return new OutboxConfig(
                directory,
                segmentBytes,
                maxBytes,
                fsyncPolicy,
                fsyncIntervalMs,
                overflowPolicy,
                ms);
    }

    /** Largest payload one record may carry. */
    public int maxPayloadBytes() {
        return segmentBytes - Frame.HEADER;
    }
}
