package io.fieldline.gateway.outbox;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Child JVM for {@link KillNineTest}: appends records with offset-derived payloads at a steady rate
 * and prints {@code D <offset> .} for every record whose durable future completed, until killed.
 * Arguments: directory, fsync policy.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        OutboxConfig config =
                OutboxConfig.defaults(Path.of(args[0]))
                        .withSegmentBytes(64 * 1024)
                        .withMaxBytes(1L << 30)
                        .withFsync(FsyncPolicy.valueOf(args[1]), 50);
        PrintStream out = System.out;
        DiskOutbox outbox = DiskOutbox.open(config);
        for (long i = 0; ; i++) {
            if (i % 50 == 49) {
                Thread.sleep(1); // ~40k appends/s: a steady load, not a disk-filling loop
            }
            long offset = outbox.append(Records.payload(i)).offset();
            if (offset != i) {
                System.err.println("unexpected offset " + offset + " for append " + i);
                System.exit(2);
            }
            outbox.durable(offset)
                    .thenRun(
                            () -> {
                                synchronized (out) {
                                    out.println("D " + offset + " .");
                                    out.flush();
                                }
                            });
        }
    }
}
