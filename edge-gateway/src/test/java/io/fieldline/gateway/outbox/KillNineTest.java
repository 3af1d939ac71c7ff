package io.fieldline.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 of a JVM that is appending: every offset it reported durable must be present, with its
 * payload, after recovery. Page-cache data survives a process kill under every policy.
 */
@Timeout(90)
class KillNineTest {
    private static final Pattern DURABLE = Pattern.compile("D (\\d+) \\.");
    private static final int DURABLE_BEFORE_KILL = 5_000;

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void everyRecordReportedDurableSurvivesKillNine(FsyncPolicy policy) throws Exception {
        List<Long> durable = new CopyOnWriteArrayList<>();
        Process child = startChild(policy);
        Thread reader = new Thread(() -> collect(child, durable));
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (durable.size() < DURABLE_BEFORE_KILL
                && child.isAlive()
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5); // polling a condition under a deadline
        }
        assertThat(durable.size())
                .as("durable offsets reported before kill")
                .isGreaterThanOrEqualTo(DURABLE_BEFORE_KILL);

        child.destroyForcibly();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(reader.isAlive()).isFalse();

        try (DiskOutbox outbox =
                DiskOutbox.open(OutboxConfig.defaults(dir).withSegmentBytes(64 * 1024))) {
            Map<Long, byte[]> stored =
                    outbox.read(0, Integer.MAX_VALUE, Integer.MAX_VALUE).stream()
                            .collect(Collectors.toMap(OutboxRecord::offset, OutboxRecord::payload));
            assertThat(stored.keySet()).containsAll(durable);
            assertThat(durable)
                    .allSatisfy(o -> assertThat(stored.get(o)).isEqualTo(Records.payload(o)));
            assertThat(outbox.append(Records.payload(0)).offset()).isEqualTo(stored.size());
        }
    }

    private Process startChild(FsyncPolicy policy) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp =
                Path.of("target/classes").toAbsolutePath()
                        + ":"
                        + Path.of("target/test-classes").toAbsolutePath();
        return new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-cp",
                        cp,
                        CrashChild.class.getName(),
                        dir.toString(),
                        policy.name())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void collect(Process child, List<Long> durable) {
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher m = DURABLE.matcher(line);
                if (m.matches()) { // a line cut by the kill lacks the trailing " ." and is ignored
                    durable.add(Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the pipe closes when the child dies
        }
    }
}
