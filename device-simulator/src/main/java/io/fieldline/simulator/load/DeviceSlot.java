package io.fieldline.simulator.load;

import io.fieldline.simulator.model.DeviceSource;
import io.fieldline.simulator.net.DeviceLink;
import io.fieldline.simulator.serde.SparkplugSession;

/**
 * One device inside a shard: its link, source, sequence counter, clock skew, held publish and, for
 * Sparkplug B payloads, its edge-node session (null otherwise).
 */
final class DeviceSlot {
    final int index;
    final String deviceId;
    final String topic;
    final DeviceLink link;
    final long skewMs;
    final SparkplugSession sparkplug;
    DeviceSource source;
    long seq;
    byte[] held;

    DeviceSlot(int index, String deviceId, DeviceLink link, long skewMs) {
        this(index, deviceId, link, skewMs, null);
    }

    DeviceSlot(
            int index, String deviceId, DeviceLink link, long skewMs, SparkplugSession sparkplug) {
        this.index = index;
        this.deviceId = deviceId;
        this.topic =
                sparkplug == null ? "fieldline/" + deviceId + "/telemetry" : sparkplug.dataTopic();
        this.link = link;
        this.skewMs = skewMs;
        this.sparkplug = sparkplug;
    }
}
