package io.fieldline.gateway.outbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Makes room for an incoming frame when the byte bound is reached, per {@link OverflowPolicy},
 * counting every record it refuses, drops or sheds. Called with the outbox lock held.
 */
final class OverflowHandler {
    private final OutboxConfig config;
    private final SegmentLog log;
    private final AckTracker acks;
    private final OutboxCounters counters;
    private volatile LossListener listener = LossListener.NONE;
    private long handedOutEnd; // offsets below were returned by a read at least once

    OverflowHandler(OutboxConfig config, SegmentLog log, AckTracker acks, OutboxCounters counters) {
        this.config = config;
        this.log = log;
        this.acks = acks;
        this.counters = counters;
    }

    void listener(LossListener l) {
        this.listener = l;
    }

    LossListener listener() {
        return listener;
    }

    void handedOut(long endOffset) {
        handedOutEnd = Math.max(handedOutEnd, endOffset);
    }

    /** Returns null when the frame fits (possibly after dropping/shedding), else the refusal. */
    AppendResult.Status makeRoom(int frameSize, int priority) throws IOException {
        if (fits(frameSize)) {
            return null;
        }
        AppendResult.Status refusal =
                switch (config.overflowPolicy()) {
                    case REJECT_NEW -> AppendResult.Status.REJECTED;
                    case DROP_OLDEST -> dropOldest(frameSize);
                    case DEGRADE -> degrade(frameSize, priority);
                };
        if (refusal == AppendResult.Status.REJECTED) {
            counters.rejected.incrementAndGet();
        } else if (refusal == AppendResult.Status.SHED) {
            counters.shedDegraded.incrementAndGet();
        }
        return refusal;
    }

    private boolean fits(int frameSize) {
        return log.totalBytes() + frameSize <= config.maxBytes();
    }

    private AppendResult.Status dropOldest(int frameSize) throws IOException {
        while (!fits(frameSize)) {
            Segment oldest = log.oldestSealed();
            if (oldest == null) {
                if (log.active().count() == 0) {
                    return AppendResult.Status.REJECTED;
                }
                log.roll();
                continue;
            }
            List<OutboxRecord> lost = new ArrayList<>();
            readUnacked(oldest, lost, o -> false);
            counters.droppedOldest.addAndGet(lost.size());
            report(OverflowPolicy.DROP_OLDEST, lost);
            log.delete(oldest);
            acks.advance(log);
        }
        return null;
    }

    /**
     * Sheds, level by level, all unacknowledged records of the least important priority that is
     * strictly less important than the incoming one, compacting the segments holding them.
     */
    private AppendResult.Status degrade(int frameSize, int priority) throws IOException {
        while (!fits(frameSize)) {
            int victim = leastImportantPending();
            if (victim <= priority) {
                return priority == 0 ? AppendResult.Status.REJECTED : AppendResult.Status.SHED;
            }
            shed(victim);
        }
        return null;
    }

    private int leastImportantPending() {
        int max = -1;
        for (Segment s : log.segments()) {
            for (int i = s.indexAtOrAfter(acks.watermark()); i < s.count(); i++) {
                if (s.priorityAt(i) > max && !acks.isAcked(s.offsetAt(i))) {
                    max = s.priorityAt(i);
                }
            }
        }
        return max;
    }

    private void shed(int victim) throws IOException {
        if (hasPending(log.active(), victim)) {
            log.roll();
        }
        for (Segment s : log.segments().toArray(new Segment[0])) {
            if (s == log.active() || !hasPending(s, victim)) {
                continue;
            }
            List<OutboxRecord> shed = new ArrayList<>();
            readUnacked(s, shed, o -> s.priorityAt(s.indexAtOrAfter(o)) != victim);
            // Acknowledged frames go too: they only held disk space.
            s.retain(i -> s.priorityAt(i) != victim && !acks.isAcked(s.offsetAt(i)));
            counters.shedDegraded.addAndGet(shed.size());
            report(OverflowPolicy.DEGRADE, shed);
            if (s.count() == 0) {
                log.delete(s);
            }
        }
        log.resized();
        acks.retainStored(log);
    }

    // One read of the whole segment (up to segmentBytes of heap, once per dropped segment);
    // only the unacknowledged frames that {@code skip} keeps are copied out.
    private void readUnacked(Segment s, List<OutboxRecord> out, LongPredicate skip)
            throws IOException {
        if (s.count() > 0) {
            s.read(0, s.count(), out, o -> acks.isAcked(o) || skip.test(o));
        }
    }

    private void report(OverflowPolicy policy, List<OutboxRecord> lost) {
        LossListener l = listener;
        for (OutboxRecord r : lost) {
            l.lost(policy, r, r.offset() < handedOutEnd);
        }
    }

    private boolean hasPending(Segment s, int victim) {
        for (int i = 0; i < s.count(); i++) {
            if (s.priorityAt(i) == victim && !acks.isAcked(s.offsetAt(i))) {
                return true;
            }
        }
        return false;
    }
}
