package io.fieldline.gateway.outbox;

import java.util.TreeSet;

/**
 * The contiguous acknowledgement watermark: every stored offset below it is acknowledged (or was
 * dropped/shed). Acks may arrive out of order; those above the watermark wait in a set until the
 * gap before them closes. Not thread-safe: {@link DiskOutbox} guards it.
 */
final class AckTracker {
    private final TreeSet<Long> ackedAbove = new TreeSet<>();
    private long watermark;

    AckTracker(long watermark) {
        this.watermark = watermark;
    }

    /** Returns false (and changes nothing) for an offset not stored, or already acknowledged. */
    boolean acknowledge(long offset, SegmentLog log) {
        if (offset < watermark || !log.contains(offset) || !ackedAbove.add(offset)) {
            return false;
        }
        advance(log);
        return true;
    }

    /** Moves the watermark over acknowledged and no longer stored offsets. */
    void advance(SegmentLog log) {
        long o = log.firstAtOrAfter(watermark);
        while (o >= 0 && ackedAbove.remove(o)) {
            o = log.firstAtOrAfter(o + 1);
        }
        watermark = o >= 0 ? o : log.nextOffset();
        ackedAbove.headSet(watermark).clear();
    }

    /** Forgets acks of offsets that are no longer stored (after a compaction). */
    void retainStored(SegmentLog log) {
        ackedAbove.removeIf(o -> !log.contains(o));
        advance(log);
    }

    boolean isAcked(long offset) {
        return offset < watermark || ackedAbove.contains(offset);
    }

    long watermark() {
        return watermark;
    }

    Iterable<Long> ackedAboveWatermark() {
        return ackedAbove;
    }

    int ackedAboveCount() {
        return ackedAbove.size();
    }
}
