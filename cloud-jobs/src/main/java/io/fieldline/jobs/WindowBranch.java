package io.fieldline.jobs;

import io.fieldline.jobs.config.JobConfig;
import io.fieldline.jobs.functions.DeviceWindows;
import io.fieldline.jobs.model.Partial;
import io.fieldline.jobs.model.WindowResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The window aggregates — tumbling, sliding (sums of tumbling panes) and activity sessions — per
 * device on the device's own clock, with corrections for data that comes after its window.
 */
final class WindowBranch {
    private WindowBranch() {}

    static DataStream<WindowResult> aggregates(DataStream<Partial> partials, JobConfig cfg) {
        return partials.keyBy(p -> p.deviceId, Types.STRING)
                .process(new DeviceWindows(cfg.windowSettings()))
                .name("device-windows")
                .uid("device-windows");
    }
}
