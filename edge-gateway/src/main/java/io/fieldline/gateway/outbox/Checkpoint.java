package io.fieldline.gateway.outbox;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The persisted acknowledgement watermark: {@code [long watermark][int CRC32C]} in {@code
 * <dir>/checkpoint}, replaced atomically (write temp, fsync, rename, fsync directory).
 */
final class Checkpoint {
    static final String FILE = "checkpoint";
    static final String TEMP = "checkpoint.tmp";

    private Checkpoint() {}

    /** The stored watermark, or empty when missing or corrupt (the caller re-sends everything). */
    static OptionalLong read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != 12) {
            return OptionalLong.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (Frame.crc(buf, 0, 8) != buf.getInt(8)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(buf.getLong(0));
    }

    static void write(Path dir, long watermark) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(12).putLong(watermark).putInt(0).flip();
        buf.putInt(8, Frame.crc(buf, 0, 8));
        Path temp = dir.resolve(TEMP);
        try (FileChannel ch = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, dir.resolve(FILE), ATOMIC_MOVE, REPLACE_EXISTING);
        forceDirectory(dir);
    }

    /** Makes created, renamed and deleted directory entries durable (Linux: fsync on the dir). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, READ)) {
            ch.force(true);
        }
    }
}
