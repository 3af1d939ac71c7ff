package io.fieldline.jobs.model;

/** Input the job could not use, kept with its original bytes for {@code fieldline.dead-letter}. */
public class DeadLetterRecord {
    public byte[] payload;
    public String sourceTopic;
    public String deviceId;
    public String reasonCode;
    public String reason;
    public long receiveTimeMs;

    public DeadLetterRecord() {}

    public DeadLetterRecord(
            byte[] payload,
            String sourceTopic,
            String deviceId,
            String reasonCode,
            String reason,
            long receiveTimeMs) {
        this.payload = payload;
        this.sourceTopic = sourceTopic;
        this.deviceId = deviceId;
        this.reasonCode = reasonCode;
        this.reason = reason;
        this.receiveTimeMs = receiveTimeMs;
    }

    @Override
    public String toString() {
        return "DeadLetter{" + sourceTopic + ", " + reasonCode + ": " + reason + "}";
    }
}
