package io.fieldline.api.view;

import com.google.protobuf.Message;

/**
 * A new record for live subscribers.
 *
 * @param type "alert" or "aggregate"
 * @param message the {@code Alert} or {@code WindowAggregate}
 */
public record LiveEvent(String type, Message message) {
    public static final String ALERT = "alert";
    public static final String AGGREGATE = "aggregate";
}
