package io.fieldline.gateway.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Deterministic payloads and a small-segment configuration whose sizes make counts exact. */
final class Records {
    /** Payload size chosen so that one frame is exactly 100 bytes. */
    static final int PAYLOAD = 100 - Frame.HEADER;

    private Records() {}

    /** A 75-byte payload derived from the offset it is expected at. */
    static byte[] payload(long offset) {
        byte[] p = new byte[PAYLOAD];
        Arrays.fill(p, (byte) '.');
        byte[] id = ("record-" + offset).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, p, 0, id.length);
        return p;
    }

    /** 1024-byte segments (10 frames each), 4096-byte bound (40 frames), long checkpoint period. */
    static OutboxConfig small(Path dir) {
        return OutboxConfig.defaults(dir)
                .withSegmentBytes(1024)
                .withMaxBytes(4096)
                .withCheckpointIntervalMs(60_000);
    }
}
