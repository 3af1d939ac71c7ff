package io.fieldline.jobs.model;

/**
 * What the loss ledger sees of one device: a message's sequence number ({@link #MARK}), a message
 * refused by the device clock ({@link #REFUSED}), or the device's clock moving on ({@link #TICK},
 * {@code clockMs} = {@link Long#MAX_VALUE} closes every open window).
 */
public class SeqMark {
    public static final int MARK = 0;
    public static final int TICK = 1;
    public static final int REFUSED = 2;

    public String deviceId;
    public long seq;
    public long eventTimeMs;
    public String gatewayId;
    public int kind;

    /** For a tick: the device's clock. */
    public long clockMs;

    /** Sent live while the gateway's backlog was still replaying (see {@link Reading}). */
    public boolean aheadOfBacklog;

    public SeqMark() {}

    public SeqMark(String deviceId, long seq, long eventTimeMs, String gatewayId) {
        this.deviceId = deviceId;
        this.seq = seq;
        this.eventTimeMs = eventTimeMs;
        this.gatewayId = gatewayId;
    }

    public static SeqMark tick(String deviceId, long clockMs) {
        SeqMark m = new SeqMark();
        m.deviceId = deviceId;
        m.kind = TICK;
        m.clockMs = clockMs;
        return m;
    }

    public SeqMark refused() {
        SeqMark m = new SeqMark(deviceId, seq, eventTimeMs, gatewayId);
        m.kind = REFUSED;
        return m;
    }
}
