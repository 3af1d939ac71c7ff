package io.fieldline.gateway.model;

/** A reading that cannot be accepted, with a stable reason code and a message naming where. */
public final class RejectedReadingException extends Exception {
    private final RejectReason reason;

    public RejectedReadingException(RejectReason reason, String detail) {
        super(detail, null, false, false); // no stack trace: bad input is routine, not a bug
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
