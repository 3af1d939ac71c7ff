package io.fieldline.simulator.serde;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes Sparkplug B payloads ({@code org.eclipse.tahu.protobuf.Payload}) by hand with protobuf's
 * {@link CodedOutputStream}: timestamp (1), metrics (2), seq (3), and per metric name (1), alias
 * (2), datatype (4), is_null (7) and double_value (13), the field numbers of the specification. No
 * generated classes, so the simulator does not share Sparkplug classes with the gateway.
 */
public final class SparkplugPayloads {
    /** The Sparkplug datatype of every simulated metric. */
    public static final int DOUBLE = 10;

    private SparkplugPayloads() {}

    /**
     * A BIRTH: each name with alias {@code index + 1} and the Double datatype, value null (the
     * values follow in DATA messages, so a BIRTH adds no reading downstream). An empty list makes
     * an NBIRTH without metrics.
     */
    public static byte[] birth(long timestampMs, long seq, List<String> names) {
        int[] sizes = new int[names.size()];
        int total = header(timestampMs, seq);
        for (int i = 0; i < names.size(); i++) {
            sizes[i] =
                    CodedOutputStream.computeStringSize(1, names.get(i))
                            + CodedOutputStream.computeUInt64Size(2, i + 1L)
                            + CodedOutputStream.computeUInt32Size(4, DOUBLE)
                            + CodedOutputStream.computeBoolSize(7, true);
            total += embedded(sizes[i]);
        }
        byte[] out = new byte[total];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeUInt64(1, timestampMs);
            for (int i = 0; i < names.size(); i++) {
                startMetric(o, sizes[i]);
                o.writeString(1, names.get(i));
                o.writeUInt64(2, i + 1L);
                o.writeUInt32(4, DOUBLE);
                o.writeBool(7, true);
            }
            o.writeUInt64(3, seq);
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * A DATA message: every metric as a Double, by its alias if {@code aliases} has one, else by
     * name.
     */
    public static byte[] data(
            long timestampMs, long seq, Map<String, Double> metrics, Map<String, Long> aliases) {
        int n = metrics.size();
        int[] sizes = new int[n];
        int total = header(timestampMs, seq);
        int i = 0;
        for (String name : metrics.keySet()) {
            Long alias = aliases.get(name);
            sizes[i] =
                    (alias == null
                                    ? CodedOutputStream.computeStringSize(1, name)
                                    : CodedOutputStream.computeUInt64Size(2, alias))
                            + CodedOutputStream.computeUInt32Size(4, DOUBLE)
                            + CodedOutputStream.computeDoubleSize(13, 0);
            total += embedded(sizes[i++]);
        }
        byte[] out = new byte[total];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeUInt64(1, timestampMs);
            i = 0;
            for (Map.Entry<String, Double> m : metrics.entrySet()) {
                startMetric(o, sizes[i++]);
                Long alias = aliases.get(m.getKey());
                if (alias == null) {
                    o.writeString(1, m.getKey());
                } else {
                    o.writeUInt64(2, alias);
                }
                o.writeUInt32(4, DOUBLE);
                o.writeDouble(13, m.getValue());
            }
            o.writeUInt64(3, seq);
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static int header(long timestampMs, long seq) {
        return CodedOutputStream.computeUInt64Size(1, timestampMs)
                + CodedOutputStream.computeUInt64Size(3, seq);
    }

    private static int embedded(int size) {
        return CodedOutputStream.computeTagSize(2)
                + CodedOutputStream.computeUInt32SizeNoTag(size)
                + size;
    }

    private static void startMetric(CodedOutputStream o, int size) throws IOException {
        o.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        o.writeUInt32NoTag(size);
    }
}
