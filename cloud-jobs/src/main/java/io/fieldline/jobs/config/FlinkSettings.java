package io.fieldline.jobs.config;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * The Flink configuration the job needs: RocksDB (or heap) state with incremental checkpoints,
 * exactly-once checkpointing, and generic types disabled so Kryo can never sneak into state.
 */
public final class FlinkSettings {
    private FlinkSettings() {}

    public static Configuration of(JobConfig cfg) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, cfg.stateBackend());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, cfg.checkpointInterval());
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (cfg.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, cfg.checkpointDir());
        }
        // Timers on the heap even with RocksDB: far cheaper per reading, and the job's timers
        // (a few per device) are few enough to snapshot synchronously.
        conf.set(
                ConfigOptions.key("state.backend.rocksdb.timer-service.factory")
                        .stringType()
                        .noDefaultValue(),
                cfg.rocksDbTimers().toUpperCase(java.util.Locale.ROOT));
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }
}
