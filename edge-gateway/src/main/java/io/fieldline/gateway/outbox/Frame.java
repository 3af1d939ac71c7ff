package io.fieldline.gateway.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk record frame, big-endian: {@code [int payload length][int CRC32C][long offset][long
 * append time ms][byte priority][payload]}. The CRC covers every byte after itself, so a torn or
 * bit-flipped frame (header or payload) fails verification.
 */
final class Frame {
    /** Bytes before the payload. */
    static final int HEADER = 25;

    /** Bytes covered by the CRC before the payload (offset, time, priority). */
    static final int CRC_HEADER = 17;

    private Frame() {}

    static int size(int payloadLength) {
        return HEADER + payloadLength;
    }

    /** Encodes into {@code buf} (cleared first) and returns it flipped, ready to write. */
    static ByteBuffer encode(
            ByteBuffer buf, long offset, long timeMs, int priority, byte[] payload) {
        buf.clear();
        buf.putInt(payload.length).putInt(0).putLong(offset).putLong(timeMs);
        buf.put((byte) priority).put(payload).flip();
        buf.putInt(4, crc(buf, 8, buf.limit()));
        return buf;
    }

    static int crc(ByteBuffer buf, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().limit(to).position(from));
        return (int) crc.getValue();
    }

    static int crc(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body, 0, body.length);
        return (int) crc.getValue();
    }

    /** Decodes and verifies the frame starting at {@code at}. */
    static OutboxRecord decode(ByteBuffer buf, int at) throws IOException {
        int len = buf.getInt(at);
        if (len < 0 || at + size(len) > buf.limit()) {
            throw new IOException("corrupt frame length " + len + " at " + at);
        }
        if (crc(buf, at + 8, at + size(len)) != buf.getInt(at + 4)) {
            throw new IOException("CRC mismatch in frame at " + at);
        }
        byte[] payload = new byte[len];
        buf.get(at + HEADER, payload);
        return new OutboxRecord(
                buf.getLong(at + 8), buf.getLong(at + 16), buf.get(at + 24), payload);
    }
}
