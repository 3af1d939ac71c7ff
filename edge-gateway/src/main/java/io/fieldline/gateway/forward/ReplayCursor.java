package io.fieldline.gateway.forward;

import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.gateway.outbox.OutboxRecord;
import java.util.List;

/**
 * Where the drainer reads next. A replay splits the outbox at the offset where it began: the
 * backlog below it is read oldest-first by one cursor, live records from it on by a second one, and
 * the live side gets {@code liveShare} of the records handed out while it has any (the backlog gets
 * the rest, and everything when no live record waits). When the backlog cursor reaches the split
 * the two merge into one oldest-first cursor. The live side is read only while a backlog record is
 * still unsent, so every LIVE batch handed out while {@link #replaying()} overtakes older records.
 * Every offset is on exactly one side, so nothing is skipped whatever the split. Used by the
 * drainer thread only.
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
        boolean liveTurn = sentLive < liveShare * (sentLive + sentBacklog + 1);
        // On the live side's turn one backlog record is enough to know the backlog is not done:
        // a LIVE batch is handed out while replaying only if an older record is still unsent.
        List<OutboxRecord> backlog = backlog(outbox, liveTurn ? 1 : max);
        if (backlog.isEmpty()) {
            // The backlog cursor met the live region: one cursor from here on.
            replaying = false;
            return new Batch(Side.LIVE, outbox.read(liveCursor, max, 1 << 20));
        }
        if (liveTurn) {
            List<OutboxRecord> live = outbox.read(liveCursor, max, 1 << 20);
            if (!live.isEmpty()) {
                return new Batch(Side.LIVE, live);
            }
            backlog = backlog(outbox, max);
        }
        return new Batch(Side.BACKLOG, backlog);
    }

    /** Unsent backlog records from the backlog cursor, below the split; at most {@code max}. */
    private List<OutboxRecord> backlog(DiskOutbox outbox, int max) {
        List<OutboxRecord> backlog = outbox.read(backlogCursor, max, 1 << 20);
        int n = 0;
        while (n < backlog.size() && backlog.get(n).offset() < liveFrom) {
            n++;
        }
        return backlog.subList(0, n);
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

    /**
     * True while a replay is on and at least one of its backlog records was not yet handed out when
     * the last batch was taken: a LIVE batch taken while this is true overtakes older records (the
     * drainer marks its records with {@code RecordSink.AHEAD_OF_BACKLOG_HEADER}). Turns false at
     * the first {@link #next} that finds the backlog handed out.
     */
    boolean replaying() {
        return replaying;
    }
}
