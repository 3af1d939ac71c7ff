package io.fieldline.jobs.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Reading;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TelemetryDeserializerTest {
    private static final long T0 = 1_700_000_000_000L;

    private final TelemetryDeserializer deserializer = new TelemetryDeserializer();

    @Test
    void eachMeasurementBecomesOneReading() {
        Telemetry t =
                Telemetry.newBuilder()
                        .setDeviceId("pump-1")
                        .setEventTimeMs(T0)
                        .setSeq(42)
                        .setGatewayId("gw-1")
                        .setReceiveTimeMs(T0 + 7)
                        .addMeasurements(
                                Measurement.newBuilder().setMetric("temperature").setValue(21.5))
                        .addMeasurements(
                                Measurement.newBuilder().setMetric("vibration").setValue(0.3))
                        .build();

        List<Inbound> out = deserialize("pump-1", t.toByteArray());

        Reading expected = new Reading("pump-1", "temperature", 21.5, T0, 42);
        expected.gatewayId = "gw-1";
        expected.receiveTimeMs = T0 + 7;
        assertThat(out).hasSize(1); // the message travels whole
        Inbound message = out.get(0);
        assertThat(message.seqMark.seq).isEqualTo(42);
        assertThat(message.seqMark.deviceId).isEqualTo("pump-1");
        assertThat(message.eventTimeMs()).isEqualTo(T0);
        assertThat(message.deviceId()).isEqualTo("pump-1");
        assertThat(message.readings).hasSize(2);
        assertThat(message.readings.get(0)).isEqualTo(expected);
        assertThat(message.readings.get(1).metric).isEqualTo("vibration");
        assertThat(message.readings.get(1).value).isEqualTo(0.3);
        assertThat(message.deadLetter).isNull();
    }

    @Test
    void undecodableBytesBecomeADeadLetterWithTheOriginalPayload() {
        byte[] garbage = "{\"not\":\"protobuf\"}".getBytes(StandardCharsets.UTF_8);

        List<Inbound> out = deserialize("pump-9", garbage);

        assertThat(out).hasSize(1);
        assertThat(out.get(0).reading).isNull();
        assertThat(out.get(0).deadLetter.payload).isEqualTo(garbage);
        assertThat(out.get(0).deadLetter.reasonCode).isEqualTo("UNDECODABLE");
        assertThat(out.get(0).deadLetter.deviceId).isEqualTo("pump-9");
        assertThat(out.get(0).deadLetter.sourceTopic).isEqualTo("fieldline.telemetry");
        assertThat(out.get(0).eventTimeMs()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void telemetryWithoutDeviceIdIsADeadLetter() {
        Telemetry t = Telemetry.newBuilder().setEventTimeMs(T0).build();

        List<Inbound> out = deserialize(null, t.toByteArray());

        assertThat(out)
                .singleElement()
                .satisfies(
                        in -> assertThat(in.deadLetter.reasonCode).isEqualTo("MISSING_DEVICE_ID"));
    }

    @Test
    void nonFiniteValuesAreDroppedPerMeasurement() {
        Telemetry t =
                Telemetry.newBuilder()
                        .setDeviceId("pump-1")
                        .setEventTimeMs(T0)
                        .addMeasurements(
                                Measurement.newBuilder().setMetric("a").setValue(Double.NaN))
                        .addMeasurements(Measurement.newBuilder().setMetric("b").setValue(1.0))
                        .build();

        assertThat(deserialize("pump-1", t.toByteArray()).get(0).readings)
                .extracting(r -> r.metric)
                .containsExactly("b");
    }

    @Test
    void theGatewaysAheadOfBacklogHeaderMarksTheWholeMessage() {
        Telemetry t =
                Telemetry.newBuilder()
                        .setDeviceId("pump-1")
                        .setEventTimeMs(T0)
                        .setSeq(3)
                        .addMeasurements(Measurement.newBuilder().setMetric("a").setValue(1))
                        .addMeasurements(Measurement.newBuilder().setMetric("b").setValue(2))
                        .build();
        Inbound plain = deserialize("pump-1", t.toByteArray()).get(0);
        assertThat(plain.seqMark.aheadOfBacklog).isFalse();
        assertThat(plain.readings).noneMatch(r -> r.aheadOfBacklog);

        ConsumerRecord<byte[], byte[]> record = record("pump-1", t.toByteArray());
        record.headers().add(TelemetryDeserializer.AHEAD_OF_BACKLOG_HEADER, new byte[] {'1'});
        Inbound ahead = deserialize(record).get(0);
        assertThat(ahead.seqMark.aheadOfBacklog).isTrue();
        assertThat(ahead.readings).hasSize(2).allMatch(r -> r.aheadOfBacklog);
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(
                "fieldline.telemetry",
                0,
                0L,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value);
    }

    private List<Inbound> deserialize(String key, byte[] value) {
        return deserialize(record(key, value));
    }

    private List<Inbound> deserialize(ConsumerRecord<byte[], byte[]> record) {
        List<Inbound> out = new ArrayList<>();
        deserializer.deserialize(
                record,
                new Collector<>() {
                    @Override
                    public void collect(Inbound record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }
}
