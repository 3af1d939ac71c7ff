package io.fieldline.gateway.forward;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The outbox payload of one Kafka record: {@code [version=1][topic UTF][key present][key UTF]
 * [value length int][value bytes]} (java.io.DataOutput encoding). The outbox frame's CRC covers it.
 */
public record Envelope(String topic, String key, byte[] value) {
    private static final byte VERSION = 1;

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length + topic.length() + 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(topic);
            out.writeBoolean(key != null);
            if (key != null) {
                out.writeUTF(key);
            }
            out.writeInt(value.length);
            out.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Envelope decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("unknown outbox envelope version");
            }
            String topic = in.readUTF();
            String key = in.readBoolean() ? in.readUTF() : null;
            byte[] value = new byte[in.readInt()];
            in.readFully(value);
            return new Envelope(topic, key, value);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt outbox envelope", e);
        }
    }
}
