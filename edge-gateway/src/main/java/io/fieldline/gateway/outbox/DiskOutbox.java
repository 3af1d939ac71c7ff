package io.fieldline.gateway.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Crash-safe store-and-forward outbox: records are appended to CRC-framed segment files, read
 * oldest-first by the drainer, and released once acknowledged (by Kafka) in any order. See
 * README-outbox.md for the file format and the durability contract of each {@link FsyncPolicy}.
 * Thread-safe; one lock serialises appends, reads and acks, fsync runs outside it.
 */
public final class DiskOutbox implements AutoCloseable {
    private final OutboxConfig config;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutboxCounters counters = new OutboxCounters();
    private final SegmentLog log;
    private final AckTracker acks;
    private final OverflowHandler overflow;
    private final RecoveryReport recoveryReport;
    private final GroupCommitter committer;
    private ByteBuffer frameBuffer = ByteBuffer.allocate(1024);
    private List<OutboxRecord> cutOnRecovery;
    private long persistedWatermark;
    private boolean closed;

    private DiskOutbox(OutboxConfig config, LongSupplier clock) throws IOException {
        this.config = config;
        this.clock = clock;
        java.nio.file.Files.createDirectories(config.directory());
        var checkpoint = Checkpoint.read(config.directory());
        long watermark = checkpoint.orElse(0);
        RecoveryReport.Builder report = new RecoveryReport.Builder();
        this.log = SegmentLog.open(config.directory(), config.segmentBytes(), watermark, report);
        this.acks = new AckTracker(watermark);
        acks.advance(log);
        this.persistedWatermark = checkpoint.isPresent() ? watermark : -1;
        this.recoveryReport =
                report.build(acks.watermark(), checkpoint.isPresent(), log.nextOffset());
        long kept = acks.watermark();
        this.cutOnRecovery = new java.util.ArrayList<>(report.cutIntact);
        cutOnRecovery.removeIf(r -> r.offset() < kept); // acknowledged before: not a loss
        counters.truncatedOnRecovery.set(report.truncatedFrames);
        counters.truncatedBytesOnRecovery.set(report.truncatedBytes);
        this.overflow = new OverflowHandler(config, log, acks, counters);
        this.committer =
                new GroupCommitter(config, log.nextOffset(), this::forceWritten, this::checkpoint);
    }

    /** Opens (creating or recovering) the outbox in {@code config.directory()}. */
    public static DiskOutbox open(OutboxConfig config) throws IOException {
        return new DiskOutbox(config, System::currentTimeMillis);
    }

    static DiskOutbox open(OutboxConfig config, LongSupplier clock) throws IOException {
        return new DiskOutbox(config, clock);
    }

    /** Appends a priority-0 (must keep) record. */
    public AppendResult append(byte[] payload) {
        return append(payload, 0);
    }

    /**
     * Appends a record; when accepted, acknowledge upstream only once {@link #durable(long)} of its
     * offset completes. {@code priority}: 0 = must keep, up to 127 = shed first (DEGRADE).
     */
    public AppendResult append(byte[] payload, int priority) {
        if (priority < 0 || priority > 127) {
            throw new IllegalArgumentException("priority must be in [0, 127]: " + priority);
        }
        if (payload.length > config.maxPayloadBytes()) {
            throw new IllegalArgumentException("payload larger than " + config.maxPayloadBytes());
        }
        long offset;
        lock.lock();
        try {
            ensureOpen();
            AppendResult.Status refusal = overflow.makeRoom(Frame.size(payload.length), priority);
            if (refusal != null) {
                return AppendResult.refused(refusal);
            }
            offset = log.nextOffset();
            log.append(encode(offset, priority, payload), priority);
            committer.written(offset + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
        counters.appended.incrementAndGet();
        return AppendResult.accepted(offset);
    }

    private ByteBuffer encode(long offset, int priority, byte[] payload) {
        if (frameBuffer.capacity() < Frame.size(payload.length)) {
            frameBuffer = ByteBuffer.allocate(Frame.size(payload.length));
        }
        return Frame.encode(frameBuffer, offset, clock.getAsLong(), priority, payload);
    }

    /**
     * Completes when the record at {@code offset} is durable per the {@link FsyncPolicy}: after the
     * group fsync covering it (EVERY_BATCH), or once written (INTERVAL, NONE). Completes on the
     * fsync thread: do not block in callbacks. Fails if the fsync fails or the outbox closes.
     */
    public CompletableFuture<Void> durable(long offset) {
        return committer.durable(offset);
    }

    /**
     * Up to {@code maxRecords} unacknowledged records with offset >= {@code fromOffset}, oldest
     * first, within {@code maxBytes} of frames (at least one record if any is pending).
     */
    public List<OutboxRecord> read(long fromOffset, int maxRecords, int maxBytes) {
        lock.lock();
        try {
            ensureOpen();
            List<OutboxRecord> out =
                    log.read(
                            Math.max(fromOffset, acks.watermark()),
                            maxRecords,
                            maxBytes,
                            acks::isAcked);
            if (!out.isEmpty()) {
                overflow.handedOut(out.get(out.size() - 1).offset() + 1);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases one record (acks may come in any order); segments wholly below the contiguous
     * watermark are deleted. Returns false for an unknown, dropped or repeated offset.
     */
    public boolean acknowledge(long offset) {
        lock.lock();
        try {
            ensureOpen();
            if (!acks.acknowledge(offset, log)) {
                counters.ignoredAcks.incrementAndGet();
                overflow.listener().acknowledgedAfterLoss(offset);
                return false;
            }
            counters.acknowledged.incrementAndGet();
            log.deleteSealedBelow(acks.watermark());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** The contiguous watermark: the oldest record not yet acknowledged (or the next offset). */
    public long firstUnacknowledged() {
        lock.lock();
        try {
            return acks.watermark();
        } finally {
            lock.unlock();
        }
    }

    /** The offset the next append will take. */
    public long nextOffset() {
        lock.lock();
        try {
            return log.nextOffset();
        } finally {
            lock.unlock();
        }
    }

    public long pendingRecords() {
        lock.lock();
        try {
            return log.countAtOrAfter(acks.watermark())[0] - acks.ackedAboveCount();
        } finally {
            lock.unlock();
        }
    }

    /** Frame bytes (payload + 25-byte header) of the unacknowledged records. */
    public long pendingBytes() {
        lock.lock();
        try {
            long bytes = log.countAtOrAfter(acks.watermark())[1];
            for (long o : acks.ackedAboveWatermark()) {
                bytes -= log.frameSize(o);
            }
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Append time of the oldest unacknowledged record, or -1 when nothing is pending. */
    public long oldestPendingAppendTimeMs() {
        lock.lock();
        try {
            long first = log.firstAtOrAfter(acks.watermark());
            return first < 0 ? -1 : log.appendTimeMs(first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of all segment files (what the bound applies to). */
    public long totalBytes() {
        lock.lock();
        try {
            return log.totalBytes();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Who is told about the records drop-oldest and degrade remove (with the lock held; see {@link
     * LossListener}). Set before the first append.
     */
    public void lossListener(LossListener listener) {
        overflow.listener(listener);
    }

    public OutboxCounters counters() {
        return counters;
    }

    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /**
     * Once: the unacknowledged records recovery cut although their own frame was intact (they
     * followed a corrupt frame in the same segment), so the caller can account for them. The
     * corrupt frame itself and a torn trailing frame are only in the report's counts.
     */
    public synchronized List<OutboxRecord> takeCutOnRecovery() {
        List<OutboxRecord> out = cutOnRecovery;
        cutOnRecovery = List.of();
        return out;
    }

    private long forceWritten() throws IOException {
        List<Segment> toForce;
        boolean dirDirty;
        long end;
        lock.lock();
        try {
            end = log.nextOffset();
            toForce = log.takeUnsynced();
            dirDirty = log.takeDirDirty();
        } finally {
            lock.unlock();
        }
        for (Segment s : toForce) {
            s.force();
        }
        if (dirDirty) {
            Checkpoint.forceDirectory(config.directory());
        }
        return end;
    }

    private void checkpoint() throws IOException {
        long watermark = firstUnacknowledged();
        if (watermark != persistedWatermark) {
            Checkpoint.write(config.directory(), watermark);
            persistedWatermark = watermark;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("outbox closed");
        }
    }

    /** Forces everything, persists the watermark and closes the files. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        committer.close();
        log.close();
    }
}
