package io.fieldline.simulator.load;

import io.fieldline.simulator.model.DeviceSource;
import io.fieldline.simulator.net.DeviceLink;

/** One device inside a shard: its link, source, sequence counter, clock skew and held publish. */
final class DeviceSlot {
    final int index;
    final String deviceId;
    final String topic;
    final DeviceLink link;
    final long skewMs;
    DeviceSource source;
    long seq;
    byte[] held;

    DeviceSlot(int index, String deviceId, DeviceLink link, long skewMs) {
        this.index = index;
        this.deviceId = deviceId;
        this.topic = "fieldline/" + deviceId + "/telemetry";
        this.link = link;
        this.skewMs = skewMs;
    }
}
