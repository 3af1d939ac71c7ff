package io.fieldline.gateway.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Appends 100-byte payloads from two threads for a fixed time under each {@link FsyncPolicy} and
 * prints appends/s and the append-to-durable latency (p50/p99) of every record; three runs each.
 * Usage: {@code java -cp target/classes:target/test-classes
 * io.fieldline.gateway.outbox.OutboxBenchmark [dir] [seconds] [appends/s, 0 = unbounded]}.
 */
public final class OutboxBenchmark {
    private static final int MAX_RECORDS = 6_000_000;

    private OutboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "target/bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        System.out.println("target rate: " + (rate == 0 ? "unbounded" : rate + " appends/s"));
        System.out.println("policy       run  appends/s   p50 durable us  p99 durable us  records");
        for (FsyncPolicy policy : FsyncPolicy.values()) {
            for (int run = 1; run <= 3; run++) {
                Path dir = root.resolve(policy + "-" + run);
                deleteTree(dir);
                System.out.println(run(policy, run, dir, seconds, rate));
                deleteTree(dir);
            }
        }
    }

    private static String run(FsyncPolicy policy, int run, Path dir, int seconds, int rate)
            throws Exception {
        long[] start = new long[MAX_RECORDS];
        long[] latency = new long[MAX_RECORDS];
        AtomicLong count = new AtomicLong();
        OutboxConfig config =
                OutboxConfig.defaults(dir)
                        .withSegmentBytes(64 << 20)
                        .withMaxBytes(4L << 30)
                        .withFsync(policy, 1000);
        long t0;
        long elapsed;
        try (DiskOutbox outbox = DiskOutbox.open(config)) {
            byte[] payload = new byte[100];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            t0 = System.nanoTime();
            long periodNanos = rate == 0 ? 0 : 2_000_000_000L / rate;
            Runnable producer =
                    () -> {
                        long next = System.nanoTime();
                        while (System.nanoTime() < end && count.get() < MAX_RECORDS - 2) {
                            if (periodNanos > 0) {
                                next += periodNanos;
                                LockSupport.parkNanos(next - System.nanoTime());
                            }
                            long s = System.nanoTime();
                            long o = outbox.append(payload).offset();
                            start[(int) o] = s;
                            count.incrementAndGet();
                            outbox.durable(o)
                                    .thenRun(
                                            () ->
                                                    latency[(int) o] =
                                                            System.nanoTime() - start[(int) o]);
                        }
                    };
            Thread a = new Thread(producer);
            Thread b = new Thread(producer);
            a.start();
            b.start();
            a.join();
            b.join();
            elapsed = System.nanoTime() - t0;
            outbox.durable(count.get() - 1).get(30, TimeUnit.SECONDS);
        }
        int n = (int) count.get();
        long[] sorted = Arrays.copyOf(latency, n);
        Arrays.sort(sorted);
        return String.format(
                "%-12s %3d %10.0f %15.1f %15.1f %8d",
                policy,
                run,
                n / (elapsed / 1e9),
                sorted[n / 2] / 1e3,
                sorted[(int) (n * 0.99)] / 1e3,
                n);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
