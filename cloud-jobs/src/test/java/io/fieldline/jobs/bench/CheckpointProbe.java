package io.fieldline.jobs.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Measures checkpoint duration in a MiniCluster: the probe after the source notes when the barrier
 * passed it; completion is noted when the checkpoint is confirmed. Same JVM only.
 */
final class CheckpointProbe<T>
        implements MapFunction<T, T>, CheckpointedFunction, CheckpointListener {
    static final Map<Long, Long> STARTED = new ConcurrentHashMap<>();
    static final List<Long> DURATIONS_MS = new CopyOnWriteArrayList<>();

    @Override
    public T map(T value) {
        return value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) {
        STARTED.putIfAbsent(ctx.getCheckpointId(), System.nanoTime());
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Long start = STARTED.remove(checkpointId);
        if (start != null) {
            DURATIONS_MS.add((System.nanoTime() - start) / 1_000_000);
        }
    }
}
