package io.fieldline.gateway.sparkplug;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.gateway.sparkplug.SparkplugBProto.Payload;
import io.fieldline.gateway.sparkplug.SparkplugBProto.Payload.Metric;
import io.fieldline.proto.Telemetry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sparkplug's per-node 0..255 seq becomes a per-device sequence the cloud ledger can use. */
class SparkplugSeqTest {
    private static final String NODE = "spBv1.0/plant/%s/node-1";
    private final SparkplugDecoder decoder = new SparkplugDecoder();
    private long t = 1_700_000_000_000L;

    @Test
    void wrapsRebirthsAndOtherDevicesLeaveNoGapAndARedeliveryKeepsItsNumber() throws Exception {
        List<Long> a = new ArrayList<>();
        birth(0);
        a.add(data("pump-a", 254));
        data("pump-b", 255); // another device of the node takes a node seq
        a.add(data("pump-a", 0)); // wrapped
        a.add(send("pump-a", 0, t)); // QoS 1 re-delivery of the same message
        birth(0); // new session: the node seq restarts
        a.add(data("pump-a", 1));
        a.add(data("pump-a", 2));

        assertThat(a).containsExactly(1L, 2L, 2L, 3L, 4L);
    }

    @Test
    void theSameNodeSeqTwoHundredFiftySixMessagesLaterIsANewReading() throws Exception {
        birth(0);
        long first = data("pump-a", 7);
        for (int i = 0; i < 255; i++) {
            data("pump-b", (8 + i) % 256);
        }
        assertThat(data("pump-a", 7)).isEqualTo(first + 1);
    }

    private void birth(long seq) throws Exception {
        Payload p =
                Payload.newBuilder()
                        .setTimestamp(t)
                        .setSeq(seq)
                        .addMetrics(
                                Metric.newBuilder()
                                        .setName("temperature")
                                        .setAlias(1)
                                        .setDatatype(10))
                        .build();
        decoder.decode(String.format(NODE, "NBIRTH"), p.toByteArray());
        for (String d : List.of("pump-a", "pump-b")) {
            decoder.decode(String.format(NODE, "DBIRTH") + "/" + d, p.toByteArray());
        }
    }

    private long data(String device, long seq) throws Exception {
        return send(device, seq, t += 1000);
    }

    private long send(String device, long seq, long timestamp) throws Exception {
        Payload p =
                Payload.newBuilder()
                        .setTimestamp(timestamp)
                        .setSeq(seq)
                        .addMetrics(
                                Metric.newBuilder().setAlias(1).setDatatype(10).setDoubleValue(20))
                        .build();
        List<Telemetry.Builder> out =
                decoder.decode(String.format(NODE, "DDATA") + "/" + device, p.toByteArray())
                        .readings();
        assertThat(out).hasSize(1);
        return out.get(0).getSeq();
    }
}
