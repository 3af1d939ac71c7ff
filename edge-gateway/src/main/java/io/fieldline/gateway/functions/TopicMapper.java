package io.fieldline.gateway.functions;

import io.fieldline.gateway.model.RejectReason;
import io.fieldline.gateway.model.RejectedReadingException;

/**
 * Maps an MQTT topic of the form {@code <prefix>{deviceId}<suffix>} (default {@code
 * fieldline/{deviceId}/telemetry}) to the device id.
 */
public final class TopicMapper {
    private final String prefix;
    private final String suffix;

    public TopicMapper(String prefix, String suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
    }

    public static TopicMapper defaults() {
        return new TopicMapper("fieldline/", "/telemetry");
    }

    public String deviceId(String topic) throws RejectedReadingException {
        if (topic == null
                || topic.length() <= prefix.length() + suffix.length()
                || !topic.startsWith(prefix)
                || !topic.endsWith(suffix)) {
            throw unknown(topic);
        }
        String id = topic.substring(prefix.length(), topic.length() - suffix.length());
        if (id.indexOf('/') >= 0 || id.indexOf('+') >= 0 || id.indexOf('#') >= 0) {
            throw unknown(topic);
        }
        return id;
    }

    private RejectedReadingException unknown(String topic) {
        return new RejectedReadingException(
                RejectReason.UNKNOWN_TOPIC,
                "topic '" + topic + "' does not match '" + prefix + "{deviceId}" + suffix + "'");
    }
}
