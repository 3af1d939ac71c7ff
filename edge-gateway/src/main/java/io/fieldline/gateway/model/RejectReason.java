package io.fieldline.gateway.model;

/**
 * Why a publish was not forwarded as telemetry. The code is what lands in {@code
 * DeadLetter.reason_code} and in the {@code reason} label of the rejection counter.
 */
public enum RejectReason {
    /** The MQTT topic does not match the telemetry topic scheme. */
    UNKNOWN_TOPIC,
    /** The payload is not valid UTF-8. */
    NOT_UTF8,
    /** The payload is not syntactically valid JSON, or not a JSON object. */
    MALFORMED_JSON,
    /** A required field ({@code ts}, {@code seq}, {@code metrics}) is absent. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (e.g. {@code "ts":"yesterday"}). */
    WRONG_TYPE,
    /** A metric value is NaN or infinite. */
    NON_FINITE_VALUE,
    /** {@code metrics} is present but holds no reading. */
    EMPTY_METRICS,
    /** The event time is further from the gateway's clock than the configured skew. */
    CLOCK_SKEW,
    /** A metric is not on the configured allow-list. */
    UNKNOWN_METRIC,
    /** The payload is not a valid protobuf {@code Telemetry} message. */
    UNDECODABLE_PROTOBUF,
    /** The MQTT 5 content type names a format the gateway does not decode. */
    UNSUPPORTED_CONTENT_TYPE,
    /** A Sparkplug B DATA message uses an alias no BIRTH message of its node/device defined. */
    SPARKPLUG_NO_BIRTH,
    /** The payload exceeds the configured maximum size. */
    PAYLOAD_TOO_LARGE,
    /** The in-memory send queue was full (Kafka slower than ingress or unreachable). */
    QUEUE_FULL,
    /** Kafka did not acknowledge the record (timeout or non-retriable error). */
    KAFKA_SEND_FAILED,
    /**
     * More QoS 1/2 publishes awaiting their acknowledgement on one connection than {@code
     * mqtt.max-inflight-per-connection} (MQTT 5: above the Receive Maximum; 3.1.1: the connection
     * is closed so that the client resends). The device is not known before decoding, so this is
     * counted in {@code /metrics} only, not in a device's ledger.
     */
    INFLIGHT_LIMIT,
    /** The disk outbox is at its byte bound under reject-new (or must-keep data under degrade). */
    OUTBOX_FULL
}
