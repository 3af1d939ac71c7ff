package io.fieldline.gateway.outbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * The ordered set of segments of one outbox directory: rolling, offset lookup, reads, deletion and
 * the bookkeeping the fsync thread needs. Not thread-safe: {@link DiskOutbox} guards it.
 */
final class SegmentLog implements Closeable {
    private final Path dir;
    private final int segmentBytes;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final List<Segment> unsynced = new ArrayList<>();
    private Segment active;
    private long nextOffset;
    private long sealedBytes;
    private boolean dirDirty;

    private SegmentLog(Path dir, int segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Verifies every segment (see {@link SegmentRecovery#recover}); a corrupt frame cuts its
     * segment there while later segments, verified on their own, are kept. Leftover temp files are
     * removed.
     */
    static SegmentLog open(
            Path dir, int segmentBytes, long watermark, RecoveryReport.Builder report)
            throws IOException {
        Files.createDirectories(dir);
        SegmentLog log = new SegmentLog(dir, segmentBytes);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        long end = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".compact") || name.equals(Checkpoint.TEMP)) {
                Files.delete(file);
            } else if (name.matches("segment-\\d{20}\\.log")) {
                long base = Long.parseLong(name.substring(8, 28));
                Segment s =
                        SegmentRecovery.recover(
                                file, base, segmentBytes - Frame.HEADER, end, report);
                end = Math.max(end, Math.max(base, s.lastOffset() + 1));
                log.segments.put(base, s);
            }
        }
        log.nextOffset = Math.max(end, watermark);
        if (log.segments.isEmpty()) {
            log.active = Segment.create(dir, log.nextOffset);
            log.segments.put(log.nextOffset, log.active);
        } else {
            log.active = log.segments.lastEntry().getValue();
        }
        log.deleteSealedBelow(watermark);
        log.sealedBytes = log.segments.values().stream().mapToLong(Segment::size).sum();
        log.sealedBytes -= log.active.size();
        report.segments = log.segments.size();
        Checkpoint.forceDirectory(dir);
        return log;
    }

    long nextOffset() {
        return nextOffset;
    }

    long totalBytes() {
        return sealedBytes + active.size();
    }

    Segment active() {
        return active;
    }

    Collection<Segment> segments() {
        return segments.values();
    }

    /** Appends an encoded frame carrying offset {@link #nextOffset()}, rolling first if full. */
    void append(ByteBuffer frame, int priority) throws IOException {
        if (active.count() > 0 && active.size() + frame.remaining() > segmentBytes) {
            roll();
        }
        active.append(frame, nextOffset, priority);
        nextOffset++;
    }

    /** Seals the active segment and starts a new one at {@link #nextOffset()}. */
    void roll() throws IOException {
        unsynced.add(active);
        sealedBytes += active.size();
        active = Segment.create(dir, nextOffset);
        segments.put(nextOffset, active);
        dirDirty = true;
    }

    /** The oldest segment that is not the active one, or null. */
    Segment oldestSealed() {
        Segment first = segments.firstEntry().getValue();
        return first == active ? null : first;
    }

    void delete(Segment s) throws IOException {
        segments.remove(s.baseOffset);
        unsynced.remove(s);
        sealedBytes -= s.size();
        s.delete();
        dirDirty = true;
    }

    /** Deletes sealed segments all of whose records are below {@code watermark}. */
    void deleteSealedBelow(long watermark) throws IOException {
        Segment s = oldestSealed();
        while (s != null && s.lastOffset() < watermark) {
            delete(s);
            s = oldestSealed();
        }
    }

    /** Recomputes the byte total after segments were rewritten in place. */
    void resized() {
        sealedBytes = segments.values().stream().mapToLong(Segment::size).sum() - active.size();
        dirDirty = true;
    }

    /** The first stored offset >= {@code offset}, or -1. */
    long firstAtOrAfter(long offset) {
        Map.Entry<Long, Segment> e = segments.floorEntry(offset);
        Segment s = e != null ? e.getValue() : segments.firstEntry().getValue();
        while (s != null) {
            int i = s.indexAtOrAfter(offset);
            if (i < s.count()) {
                return s.offsetAt(i);
            }
            Map.Entry<Long, Segment> next = segments.higherEntry(s.baseOffset);
            s = next == null ? null : next.getValue();
        }
        return -1;
    }

    boolean contains(long offset) {
        return offset >= 0 && firstAtOrAfter(offset) == offset;
    }

    /** Frame size of a stored offset. */
    int frameSize(long offset) {
        Segment s = segments.floorEntry(offset).getValue();
        return s.frameSize(s.indexAtOrAfter(offset));
    }

    long appendTimeMs(long offset) throws IOException {
        Segment s = segments.floorEntry(offset).getValue();
        return s.appendTimeMs(s.indexAtOrAfter(offset));
    }

    /** Stored records and their frame bytes at or after {@code offset}: {count, bytes}. */
    long[] countAtOrAfter(long offset) {
        long records = 0;
        long bytes = 0;
        for (Segment s :
                segments.tailMap(segments.floorKey(Math.max(offset, segments.firstKey())), true)
                        .values()) {
            int i = s.indexAtOrAfter(offset);
            records += s.count() - i;
            for (; i < s.count(); i++) {
                bytes += s.frameSize(i);
            }
        }
        return new long[] {records, bytes};
    }

    /**
     * Records with offset >= {@code from} that {@code skip} does not reject, oldest first; at least
     * one if any is stored. Skipped records before the first one returned are passed over without
     * counting against the limits (out-of-order acks can leave long runs of them), so an empty
     * result means none is left.
     */
    List<OutboxRecord> read(long from, int maxRecords, int maxBytes, LongPredicate skip)
            throws IOException {
        List<OutboxRecord> out = new ArrayList<>();
        long offset = firstAtOrAfter(from);
        long bytes = 0;
        while (offset >= 0 && out.size() < maxRecords) {
            Segment s = segments.floorEntry(offset).getValue();
            int first = s.indexAtOrAfter(offset);
            while (out.isEmpty() && first < s.count() && skip.test(s.offsetAt(first))) {
                first++;
            }
            if (first == s.count()) {
                offset = firstAtOrAfter(s.lastOffset() + 1);
                continue;
            }
            int last = first;
            while (last < s.count()
                    && out.size() + (last - first) < maxRecords
                    && (last == first && out.isEmpty() || bytes + s.frameSize(last) <= maxBytes)) {
                bytes += s.frameSize(last++);
            }
            if (last == first) {
                break;
            }
            s.read(first, last, out, skip);
            offset = last < s.count() ? -1 : firstAtOrAfter(s.lastOffset() + 1);
        }
        return out;
    }

    /** Segments written since the last call (sealed ones plus the active one) for the fsync. */
    List<Segment> takeUnsynced() {
        List<Segment> toForce = new ArrayList<>(unsynced);
        toForce.add(active);
        unsynced.clear();
        return toForce;
    }

    boolean takeDirDirty() {
        boolean d = dirDirty;
        dirDirty = false;
        return d;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        for (Segment s : segments.values()) {
            s.close();
        }
    }
}
