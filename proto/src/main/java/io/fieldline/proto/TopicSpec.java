package io.fieldline.proto;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.Objects;

/**
 * A Kafka topic and the one protobuf message type its values carry. Keys are always the UTF-8
 * device id (or rule id on the rules topic).
 */
public final class TopicSpec<T extends Message> {
    private final String name;
    private final Class<T> messageType;
    private final Parser<T> parser;
    private final boolean compacted;

    TopicSpec(String name, Class<T> messageType, Parser<T> parser, boolean compacted) {
        this.name = Objects.requireNonNull(name);
        this.messageType = Objects.requireNonNull(messageType);
        this.parser = Objects.requireNonNull(parser);
        this.compacted = compacted;
    }

    public String name() {
        return name;
    }

    public Class<T> messageType() {
        return messageType;
    }

    public Parser<T> parser() {
        return parser;
    }

    /** Whether the topic is log-compacted (latest value per key), rather than time-retained. */
    public boolean compacted() {
        return compacted;
    }

    public T parse(byte[] bytes) throws InvalidProtocolBufferException {
        return parser.parseFrom(bytes);
    }

    @Override
    public String toString() {
        return name + " (" + messageType.getSimpleName() + ")";
    }
}
