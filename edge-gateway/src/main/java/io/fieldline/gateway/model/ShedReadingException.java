package io.fieldline.gateway.model;

/**
 * The outbox shed an incoming raw reading under the degrade policy: deliberately not kept and
 * counted, so the publish is still acknowledged (the device must not resend it).
 */
public final class ShedReadingException extends Exception {
    public ShedReadingException(String message) {
        super(message, null, false, false);
    }
}
