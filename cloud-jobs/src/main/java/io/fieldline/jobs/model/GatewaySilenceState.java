package io.fieldline.jobs.model;

/** Keyed state of silence detection for one gateway: when anything last came from it. */
public class GatewaySilenceState {
    /** Processing time of the gateway's last reading, and of the pending timer (0: none). */
    public long lastArrivalMs;

    public long timerMs;

    /** Highest event time seen from the gateway (names the gateway-level alert). */
    public long lastEventMs = Long.MIN_VALUE;

    /** A gateway-level SILENCE alert is open. */
    public boolean silent;

    /** Devices of the gateway with a learned interval, when the alert was raised. */
    public int silentDevices;

    public GatewaySilenceState() {}
}
