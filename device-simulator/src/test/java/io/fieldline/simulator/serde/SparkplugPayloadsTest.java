package io.fieldline.simulator.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import io.fieldline.simulator.serde.SparkplugSession.Message;
import io.fieldline.simulator.sparkplug.SparkplugBProto.Payload;
import io.fieldline.simulator.sparkplug.SparkplugBProto.Payload.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-written Sparkplug B encoder, decoded with classes generated from the gateway's schema:
 * BIRTH names and aliases, DATA by alias and by name, and a session's topics, sequence numbers
 * (NBIRTH 0, wrap after 255, reset on reconnect) and rebirth for a new metric.
 */
class SparkplugPayloadsTest {
    private static final long T0 = 1_700_000_000_000L;

    private static Map<String, Double> metrics(double temperature, double vibration) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("temperature", temperature);
        m.put("vibration", vibration);
        return m;
    }

    @Test
    void birthNamesEveryMetricWithAnAliasAndNoValue() throws Exception {
        Payload p =
                Payload.parseFrom(
                        SparkplugPayloads.birth(T0, 1, List.of("temperature", "vibration")));
        assertThat(p.getTimestamp()).isEqualTo(T0);
        assertThat(p.getSeq()).isEqualTo(1);
        assertThat(p.getMetricsList())
                .extracting(
                        Metric::getName,
                        Metric::getAlias,
                        Metric::getDatatype,
                        Metric::getIsNull,
                        Metric::getValueCase)
                .containsExactly(
                        tuple("temperature", 1L, 10, true, Metric.ValueCase.VALUE_NOT_SET),
                        tuple("vibration", 2L, 10, true, Metric.ValueCase.VALUE_NOT_SET));
        assertThat(p.getUnknownFields().asMap()).isEmpty();
        assertThat(Payload.parseFrom(SparkplugPayloads.birth(T0, 0, List.of())).getMetricsCount())
                .isZero();
    }

    @Test
    void dataCarriesDoublesByAliasOrByName() throws Exception {
        Payload byAlias =
                Payload.parseFrom(
                        SparkplugPayloads.data(
                                T0 + 5, 255, metrics(21.5, -0.125), Map.of("temperature", 1L)));
        assertThat(byAlias.getTimestamp()).isEqualTo(T0 + 5);
        assertThat(byAlias.getSeq()).isEqualTo(255);
        assertThat(byAlias.getMetricsList())
                .extracting(
                        Metric::hasName, Metric::getName, Metric::getAlias, Metric::getDoubleValue)
                .containsExactly(tuple(false, "", 1L, 21.5), tuple(true, "vibration", 0L, -0.125));

        byte[] stateless =
                new PayloadCodec(PayloadFormat.SPARKPLUG).encode("d", T0, 257, metrics(1, 2));
        Payload byName = Payload.parseFrom(stateless);
        assertThat(byName.getSeq()).isEqualTo(1);
        assertThat(byName.getMetricsList())
                .extracting(Metric::getName, Metric::hasAlias, Metric::getDoubleValue)
                .containsExactly(tuple("temperature", false, 1.0), tuple("vibration", false, 2.0));
    }

    @Test
    void sessionBirthsThenDataWithWrappingSeqAndRebirthOnReconnect() throws Exception {
        SparkplugSession s = new SparkplugSession("plant", "dev-0001", true);
        s.reset();
        List<Message> births = s.birthsBefore(T0, metrics(20, 1));
        assertThat(births)
                .extracting(Message::topic)
                .containsExactly(
                        "spBv1.0/plant/NBIRTH/dev-0001", "spBv1.0/plant/DBIRTH/dev-0001/asset");
        assertThat(s.dataTopic()).isEqualTo("spBv1.0/plant/DDATA/dev-0001/asset");
        assertThat(SparkplugSession.pipelineDeviceId("plant", "dev-0001"))
                .isEqualTo("plant.dev-0001.asset");
        Map<Long, String> aliases = new HashMap<>();
        Payload dbirth = Payload.parseFrom(births.get(1).payload());
        dbirth.getMetricsList().forEach(m -> aliases.put(m.getAlias(), m.getName()));
        List<Long> seqs = new ArrayList<>();
        seqs.add(Payload.parseFrom(births.get(0).payload()).getSeq());
        seqs.add(dbirth.getSeq());
        for (int i = 0; i < 300; i++) {
            assertThat(s.birthsBefore(T0 + i, metrics(20 + i, 1))).isEmpty();
            Payload d = Payload.parseFrom(s.data(T0 + i, metrics(20 + i, 1)));
            seqs.add(d.getSeq());
            Metric first = d.getMetrics(0);
            assertThat(aliases.get(first.getAlias())).isEqualTo("temperature");
            assertThat(first.getDoubleValue()).isEqualTo(20.0 + i);
        }
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("seq of message %d", i).isEqualTo(i % 256L);
        }

        s.reset();
        List<Message> again = s.birthsBefore(T0 + 400, metrics(1, 1));
        assertThat(again).hasSize(2);
        assertThat(Payload.parseFrom(again.get(0).payload()).getSeq()).isZero();
        assertThat(Payload.parseFrom(s.data(T0 + 400, metrics(1, 1))).getSeq()).isEqualTo(2);

        Map<String, Double> more = metrics(1, 1);
        more.put("current", 3.5);
        List<Message> rebirth = s.birthsBefore(T0 + 401, more);
        assertThat(rebirth).extracting(Message::topic).containsExactly(births.get(1).topic());
        Payload redefined = Payload.parseFrom(rebirth.get(0).payload());
        assertThat(redefined.getSeq()).isEqualTo(3);
        assertThat(redefined.getMetricsList())
                .extracting(Metric::getName, Metric::getAlias)
                .containsExactly(
                        tuple("temperature", 1L), tuple("vibration", 2L), tuple("current", 3L));
        Payload d = Payload.parseFrom(s.data(T0 + 401, more));
        assertThat(d.getSeq()).isEqualTo(4);
        assertThat(d.getMetricsList()).extracting(Metric::getAlias).containsExactly(1L, 2L, 3L);
    }
}
