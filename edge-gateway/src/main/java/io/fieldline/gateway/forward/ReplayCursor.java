package io.fieldline.gateway.forward;

import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.gateway.outbox.OutboxRecord;
import java.util.List;

/**
 * Where the drainer reads next. A replay splits the outbox at the offset where it began: the
 * backlog below it is read oldest-first by one cursor, live records from it on by a second one, and
 * the live side gets {@code liveShare} of the records handed out while it has any (the backlog gets
 * the rest, and everything when no live record waits). When the backlog cursor reaches the split
 * the two merge into one oldest-first cursor. Every offset is on exactly one side, so nothing is
 * skipped whatever the split. Used by the drainer thread only.
 */
final class ReplayCursor {
    /** Which cursor a batch came from; after the merge everything is LIVE. */
    enum Side {
        BACKLOG,
        LIVE
    }

    record Batch(Side side, List<OutboxRecord> records) {}

    private final double liveShare;
    private long backlogCursor;
    private long liveFrom;
    private long liveCursor;
    private boolean replaying;
    private long sentLive;
    private long sentBacklog;

    ReplayCursor(double liveShare) {
        if (liveShare < 0 || liveShare >= 1) {
            throw new IllegalArgumentException("live share must be in [0, 1): " + liveShare);
        }
        this.liveShare = liveShare;
    }

    /**
     * Begins a replay: records from {@code firstUnacknowledged} below {@code end} are the backlog,
     * those at or after {@code end} are live.
     */
    void restart(long firstUnacknowledged, long end) {
        backlogCursor = firstUnacknowledged;
        liveFrom = Math.max(end, firstUnacknowledged);
        liveCursor = liveFrom;
        replaying = true;
        sentLive = 0;
        sentBacklog = 0;
    }

    /**
     * Begins a replay without a failure (Kafka slow or briefly away, no send failed): what is not
     * yet handed out below {@code end} becomes the backlog. Returns false while replaying.
     */
    boolean split(long end) {
        if (replaying) {
            return false;
        }
        backlogCursor = liveCursor;
        liveFrom = Math.max(end, liveCursor);
        liveCursor = liveFrom;
        replaying = true;
        sentLive = 0;
        sentBacklog = 0;
        return true;
    }

    /** The next offset the merged cursor hands out (meaningful when not replaying). */
    long position() {
        return liveCursor;
    }

    /** The next records to send (empty: nothing pending); at most {@code max}. */
    Batch next(DiskOutbox outbox, int max) {
        if (!replaying) {
            return new Batch(Side.LIVE, outbox.read(liveCursor, max, 1 << 20));
        }
        if (sentLive < liveShare * (sentLive + sentBacklog + 1)) {
            List<OutboxRecord> live = outbox.read(liveCursor, max, 1 << 20);
            if (!live.isEmpty()) {
                return new Batch(Side.LIVE, live);
            }
        }
        List<OutboxRecord> backlog = outbox.read(backlogCursor, max, 1 << 20);
        int n = 0;
        while (n < backlog.size() && backlog.get(n).offset() < liveFrom) {
            n++;
        }
        if (n > 0) {
            return new Batch(Side.BACKLOG, backlog.subList(0, n));
        }
        // The backlog cursor met the live region: one cursor from here on.
        replaying = false;
        return new Batch(Side.LIVE, outbox.read(liveCursor, max, 1 << 20));
    }

    /** Moves the cursor of {@code side} past a record handed to Kafka. */
    void sent(Side side, OutboxRecord r) {
        if (side == Side.BACKLOG) {
            backlogCursor = r.offset() + 1;
            sentBacklog++;
        } else {
            liveCursor = r.offset() + 1;
            sentLive++;
        }
    }

    boolean replaying() {
        return replaying;
    }
}
