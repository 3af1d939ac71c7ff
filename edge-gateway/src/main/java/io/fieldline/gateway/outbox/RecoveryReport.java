package io.fieldline.gateway.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DiskOutbox#open} found and cut while verifying the segments.
 *
 * @param segments segment files kept after recovery
 * @param records frames that passed verification (acknowledged ones included)
 * @param truncatedBytes bytes cut at torn or corrupt frames
 * @param truncatedFrames frames cut; a lower bound, counted by walking the length fields of the cut
 *     region until one is implausible (a trailing partial frame counts as one)
 * @param truncatedSegments names of the files that were truncated
 * @param watermark first unacknowledged offset restored from the checkpoint (0 without one)
 * @param checkpointFound whether a valid checkpoint file was read
 * @param nextOffset offset the next append will get
 */
public record RecoveryReport(
        int segments,
        long records,
        long truncatedBytes,
        long truncatedFrames,
        List<String> truncatedSegments,
        long watermark,
        boolean checkpointFound,
        long nextOffset) {

    /** Accumulates the report while the segments are scanned. */
    static final class Builder {
        int segments;
        long records;
        long truncatedBytes;
        long truncatedFrames;
        final List<String> truncatedSegments = new ArrayList<>();
        // Intact frames (CRC verified) that were cut because an earlier frame was not.
        final List<OutboxRecord> cutIntact = new ArrayList<>();

        void truncated(String segment, long bytes, long frames) {
            truncatedSegments.add(segment);
            truncatedBytes += bytes;
            truncatedFrames += frames;
        }

        RecoveryReport build(long watermark, boolean checkpointFound, long nextOffset) {
            return new RecoveryReport(
                    segments,
                    records,
                    truncatedBytes,
                    truncatedFrames,
                    List.copyOf(truncatedSegments),
                    watermark,
                    checkpointFound,
                    nextOffset);
        }
    }
}
