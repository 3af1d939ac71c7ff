package io.fieldline.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * Time-to-live of the job's per-device state: the backstop that forgets a device (or window
 * history) nobody writes any more. Expired entries are dropped by RocksDB's compaction and left out
 * of full (heap) snapshots; there is no incremental cleanup on state access, because on the heap
 * backend it walks whole per-device maps (the window history) on every access, which cost more than
 * half of the job's throughput. Live history is pruned by event time by the operators.
 */
final class StateTtl {
    private StateTtl() {}

    static StateTtlConfig of(long ttlMs) {
        return StateTtlConfig.newBuilder(Duration.ofMillis(ttlMs))
                .disableCleanupInBackground()
                .cleanupInRocksdbCompactFilter(1000)
                .cleanupFullSnapshot()
                .build();
    }
}
