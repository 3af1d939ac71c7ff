package io.fieldline.gateway.outbox;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Start-up verification of one segment file: every frame's length, CRC and offset order is checked;
 * the file is truncated at the first frame that fails, and what was cut is reported.
 */
final class SegmentRecovery {
    private SegmentRecovery() {}

    /**
     * Opens an existing segment, verifying every frame (length, CRC, increasing offsets not below
     * {@code minOffset}); the file is truncated at the first frame that fails, and forced.
     */
    static Segment recover(
            Path path, long base, int maxPayload, long minOffset, RecoveryReport.Builder report)
            throws IOException {
        Segment s = Segment.opened(path, base);
        FileChannel channel = s.channel();
        long fileSize = channel.size();
        long good = scan(s, maxPayload, minOffset, fileSize);
        if (good < fileSize) {
            long frames = countFrames(channel, good, fileSize, maxPayload);
            collectIntact(channel, good, fileSize, maxPayload, report);
            report.truncated(path.getFileName().toString(), fileSize - good, frames);
            channel.truncate(good);
        }
        channel.force(true);
        s.recovered(good);
        report.records += s.count();
        return s;
    }

    private static long scan(Segment s, int maxPayload, long minOffset, long fileSize)
            throws IOException {
        // The stream is deliberately not closed: closing it would close the channel.
        DataInputStream in =
                new DataInputStream(
                        new BufferedInputStream(
                                Channels.newInputStream(s.channel().position(0)), 1 << 16));
        long pos = 0;
        long previous = minOffset - 1;
        while (fileSize - pos >= Frame.HEADER) {
            int len = in.readInt();
            int crc = in.readInt();
            if (len < 0 || len > maxPayload || fileSize - pos < Frame.size(len)) {
                return pos;
            }
            byte[] body = new byte[Frame.CRC_HEADER + len];
            in.readFully(body);
            long offset = ByteBuffer.wrap(body).getLong(0);
            if (Frame.crc(body) != crc || offset <= previous) {
                return pos;
            }
            s.index(offset, (int) pos, body[16]);
            previous = offset;
            pos += Frame.size(len);
        }
        return pos;
    }

    /**
     * The frames of the cut region that are wholly present and pass their CRC (those after a
     * corrupt one), walking length fields as {@link #countFrames} does, so that the caller can
     * account for them.
     */
    private static void collectIntact(
            FileChannel channel, long pos, long fileSize, int maxPayload, RecoveryReport.Builder r)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE, fileSize - pos));
        while (buf.hasRemaining() && channel.read(buf, pos + buf.position()) >= 0) {
            // read the whole cut region (at most one segment)
        }
        buf.flip();
        int at = 0;
        while (at + Frame.HEADER <= buf.limit()) {
            int len = buf.getInt(at);
            if (len < 0 || len > maxPayload || at + Frame.size(len) > buf.limit()) {
                return;
            }
            try {
                r.cutIntact.add(Frame.decode(buf, at));
            } catch (IOException corrupt) {
                // this frame's bytes are damaged: it cannot be attributed
            }
            at += Frame.size(len);
        }
    }

    /** Frames in the cut region: walks length fields until one is implausible. */
    private static long countFrames(FileChannel channel, long pos, long fileSize, int maxPayload)
            throws IOException {
        long frames = 0;
        ByteBuffer len = ByteBuffer.allocate(4);
        while (pos < fileSize) {
            frames++;
            len.clear();
            channel.read(len, pos);
            if (len.position() < 4 || len.getInt(0) < 0 || len.getInt(0) > maxPayload) {
                break;
            }
            pos += Frame.size(len.getInt(0));
        }
        return frames;
    }
}
