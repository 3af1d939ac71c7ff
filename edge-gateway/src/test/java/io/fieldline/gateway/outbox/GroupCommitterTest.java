package io.fieldline.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The durable contract of each policy, with the fsync replaced by a controllable stub. */
@Timeout(30)
class GroupCommitterTest {
    private static OutboxConfig config(FsyncPolicy policy) {
        return OutboxConfig.defaults(Path.of("unused")).withFsync(policy, 60_000);
    }

    @Test
    void everyBatchCompletesOnlyAfterTheFsyncCoveringTheRecordAndBatchesAppends() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger forces = new AtomicInteger();
        AtomicLong written = new AtomicLong();
        GroupCommitter committer =
                new GroupCommitter(
                        config(FsyncPolicy.EVERY_BATCH),
                        0,
                        () -> {
                            long end = written.get();
                            awaitQuietly(release);
                            forces.incrementAndGet();
                            return end;
                        },
                        () -> {});
        written.set(1);
        committer.written(1);
        CompletableFuture<Void> first = committer.durable(0);
        for (long end = 2; end <= 1000; end++) {
            written.set(end);
            committer.written(end);
        }
        CompletableFuture<Void> last = committer.durable(999);

        assertThat(first).isNotDone();
        assertThat(last).isNotDone();
        release.countDown();
        last.get(10, TimeUnit.SECONDS);

        assertThat(first).isCompleted();
        assertThat(forces.get()).isBetween(1, 2);
        committer.close();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void intervalAndNoneReportDurableOnceWritten() throws Exception {
        for (FsyncPolicy policy : new FsyncPolicy[] {FsyncPolicy.INTERVAL, FsyncPolicy.NONE}) {
            AtomicInteger forces = new AtomicInteger();
            GroupCommitter committer =
                    new GroupCommitter(
                            config(policy),
                            0,
                            () -> {
                                forces.incrementAndGet();
                                return 5;
                            },
                            () -> {});
            committer.written(5);

            assertThat(committer.durable(4)).isCompleted();
            assertThat(committer.durable(5)).isCompletedExceptionally();
            assertThat(forces.get()).isZero();
            committer.close();
            assertThat(forces.get()).as("clean close fsyncs under " + policy).isEqualTo(1);
        }
    }
}
