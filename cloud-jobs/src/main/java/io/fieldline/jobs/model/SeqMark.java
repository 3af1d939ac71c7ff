package io.fieldline.jobs.model;

/** One telemetry message's sequence number, for the loss ledger (readings carry one per metric). */
public class SeqMark {
    public String deviceId;
    public long seq;
    public long eventTimeMs;
    public String gatewayId;

    public SeqMark() {}

    public SeqMark(String deviceId, long seq, long eventTimeMs, String gatewayId) {
        this.deviceId = deviceId;
        this.seq = seq;
        this.eventTimeMs = eventTimeMs;
        this.gatewayId = gatewayId;
    }
}
