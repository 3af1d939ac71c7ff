package io.fieldline.jobs.model;

import java.util.Objects;

/**
 * One measurement of one metric by one device: a {@code Telemetry} message with N measurements
 * becomes N readings at the source. A Flink POJO (public no-arg constructor, public fields).
 */
public class Reading {
    public String deviceId;
    public String metric;
    public double value;
    public long eventTimeMs;
    public long seq;
    public String gatewayId;
    public long receiveTimeMs;

    /**
     * Sent by the gateway's live side while older records of its outbox were still unsent: the
     * reading waits for the device's backlog instead of moving the device's clock.
     */
    public boolean aheadOfBacklog;

    public Reading() {}

    public Reading(String deviceId, String metric, double value, long eventTimeMs, long seq) {
        this.deviceId = deviceId;
        this.metric = metric;
        this.value = value;
        this.eventTimeMs = eventTimeMs;
        this.seq = seq;
    }

    /** The key of per device/metric state. */
    public String deviceMetric() {
        return Keys.deviceMetric(deviceId, metric);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Reading r)) {
            return false;
        }
        return Double.compare(value, r.value) == 0
                && eventTimeMs == r.eventTimeMs
                && seq == r.seq
                && receiveTimeMs == r.receiveTimeMs
                && Objects.equals(deviceId, r.deviceId)
                && Objects.equals(metric, r.metric)
                && Objects.equals(gatewayId, r.gatewayId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, metric, value, eventTimeMs, seq);
    }

    @Override
    public String toString() {
        return deviceId + "/" + metric + "@" + eventTimeMs + "#" + seq + "=" + value;
    }
}
