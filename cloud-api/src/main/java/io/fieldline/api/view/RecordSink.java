package io.fieldline.api.view;

/** Where the topic loader hands every record it reads. */
public interface RecordSink {
    /**
     * One record.
     *
     * @param value the protobuf bytes, or null for a tombstone
     * @param live true once the loader has caught up with the topics' end offsets seen at start,
     *     i.e. the record is new rather than part of the replay
     */
    void accept(String topic, String key, byte[] value, boolean live);
}
