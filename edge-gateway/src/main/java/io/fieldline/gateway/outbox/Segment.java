package io.fieldline.gateway.outbox;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;

/**
 * One append-only segment file plus its in-memory index (offset, file position and priority of
 * every frame: 13 bytes of heap per record). Not thread-safe: {@link SegmentLog} guards it.
 */
final class Segment implements Closeable {
    final long baseOffset;
    final Path path;
    private volatile FileChannel channel;
    private long size;
    private long[] offsets = new long[256];
    private int[] positions = new int[256];
    private byte[] priorities = new byte[256];
    private int count;

    private Segment(Path path, long baseOffset, FileChannel channel) {
        this.path = path;
        this.baseOffset = baseOffset;
        this.channel = channel;
    }

    static Path pathFor(Path dir, long baseOffset) {
        return dir.resolve(String.format("segment-%020d.log", baseOffset));
    }

    static Segment create(Path dir, long baseOffset) throws IOException {
        Path path = pathFor(dir, baseOffset);
        return new Segment(path, baseOffset, FileChannel.open(path, CREATE_NEW, READ, WRITE));
    }

    /** Wraps an existing file; {@link SegmentRecovery} fills the index and sets the size. */
    static Segment opened(Path path, long baseOffset) throws IOException {
        return new Segment(path, baseOffset, FileChannel.open(path, READ, WRITE));
    }

    FileChannel channel() {
        return channel;
    }

    void recovered(long verifiedSize) {
        size = verifiedSize;
    }

    /** Writes one encoded frame at the end; on failure the partial frame is cut off again. */
    void append(ByteBuffer frame, long offset, int priority) throws IOException {
        long start = size;
        long pos = start;
        try {
            while (frame.hasRemaining()) {
                pos += channel.write(frame, pos);
            }
        } catch (IOException e) {
            channel.truncate(start);
            throw e;
        }
        index(offset, (int) start, (byte) priority);
        size = pos;
    }

    void index(long offset, int position, byte priority) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            positions = Arrays.copyOf(positions, count * 2);
            priorities = Arrays.copyOf(priorities, count * 2);
        }
        offsets[count] = offset;
        positions[count] = position;
        priorities[count] = priority;
        count++;
    }

    int count() {
        return count;
    }

    long size() {
        return size;
    }

    long offsetAt(int i) {
        return offsets[i];
    }

    int priorityAt(int i) {
        return priorities[i];
    }

    int frameSize(int i) {
        return (int) ((i + 1 < count ? positions[i + 1] : size) - positions[i]);
    }

    long lastOffset() {
        return count == 0 ? baseOffset - 1 : offsets[count - 1];
    }

    /** Index of the first frame with offset >= {@code offset}, or {@code count()}. */
    int indexAtOrAfter(long offset) {
        int i = Arrays.binarySearch(offsets, 0, count, offset);
        return i >= 0 ? i : -i - 1;
    }

    /** Reads frames [from, to) with one positional read, skipping offsets matching {@code skip}. */
    void read(int from, int to, List<OutboxRecord> out, LongPredicate skip) throws IOException {
        long start = positions[from];
        ByteBuffer buf = readFully(start, (int) ((to < count ? positions[to] : size) - start));
        for (int i = from; i < to; i++) {
            if (!skip.test(offsets[i])) {
                out.add(Frame.decode(buf, (int) (positions[i] - start)));
            }
        }
    }

    long appendTimeMs(int i) throws IOException {
        return readFully(positions[i] + 16L, 8).getLong(0);
    }

    private ByteBuffer readFully(long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw new EOFException(path + " shorter than its index");
            }
        }
        return buf.flip();
    }

    /**
     * Rewrites the file keeping only the frames whose index matches {@code keep} (copy to a temp
     * file, fsync, atomic rename); the caller fsyncs the directory. Cost: one read and one write of
     * every kept byte.
     */
    void retain(IntPredicate keep) throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + ".compact");
        int kept = 0;
        long written = 0;
        try (FileChannel out = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
            for (int i = 0; i < count; i++) {
                if (keep.test(i)) {
                    int len = frameSize(i);
                    ByteBuffer frame = readFully(positions[i], len);
                    long at = written;
                    while (frame.hasRemaining()) {
                        written += out.write(frame, written);
                    }
                    offsets[kept] = offsets[i];
                    priorities[kept] = priorities[i];
                    positions[kept++] = (int) at;
                }
            }
            out.force(true);
        }
        channel.close();
        Files.move(temp, path, ATOMIC_MOVE, REPLACE_EXISTING);
        channel = FileChannel.open(path, READ, WRITE);
        count = kept;
        size = written;
    }

    /** fsync of the data (fdatasync: includes the file length). A deleted segment is skipped. */
    void force() throws IOException {
        try {
            channel.force(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            // deleted or compacted concurrently: nothing left to make durable in this channel
        }
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
