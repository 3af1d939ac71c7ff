package io.fieldline.jobs.serde;

import com.google.protobuf.InvalidProtocolBufferException;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Reading;
import io.fieldline.jobs.model.SeqMark;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Protobuf {@code Telemetry} → one {@link Inbound} per message: its {@link SeqMark} and one {@link
 * Reading} per measurement. Bytes that do not decode, or a message without a device id, become a
 * dead letter instead of an exception: a bad record never fails or restarts the job. Non-finite
 * values are dropped per measurement and counted. The {@link #AHEAD_OF_BACKLOG_HEADER} header is
 * carried onto the readings and the mark.
 */
public class TelemetryDeserializer implements KafkaRecordDeserializationSchema<Inbound> {
    private static final long serialVersionUID = 1L;

    /**
     * Set by the gateway on a record its live side sent while older records of its outbox were
     * still replaying; the device clock holds such readings back until the backlog has come.
     */
    public static final String AHEAD_OF_BACKLOG_HEADER = "fieldline-ahead-of-backlog";

    private transient Counter undecodable;
    private transient Counter nonFinite;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        undecodable = context.getMetricGroup().counter("fieldlineUndecodable");
        nonFinite = context.getMetricGroup().counter("fieldlineNonFiniteValues");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound> out) {
        Telemetry telemetry;
        try {
            telemetry = Telemetry.parseFrom(record.value() == null ? new byte[0] : record.value());
        } catch (InvalidProtocolBufferException e) {
            deadLetter(record, "UNDECODABLE", "not a Telemetry protobuf: " + e.getMessage(), out);
            return;
        }
        if (telemetry.getDeviceId().isEmpty()) {
            deadLetter(record, "MISSING_DEVICE_ID", "Telemetry without device_id", out);
            return;
        }
        boolean ahead = record.headers().lastHeader(AHEAD_OF_BACKLOG_HEADER) != null;
        SeqMark mark =
                new SeqMark(
                        telemetry.getDeviceId(),
                        telemetry.getSeq(),
                        telemetry.getEventTimeMs(),
                        telemetry.getGatewayId());
        mark.aheadOfBacklog = ahead;
        List<Reading> readings = new ArrayList<>(telemetry.getMeasurementsCount());
        for (Measurement m : telemetry.getMeasurementsList()) {
            if (!Double.isFinite(m.getValue())) {
                counter(false).inc();
                continue;
            }
            Reading r = toReading(telemetry, m);
            r.aheadOfBacklog = ahead;
            readings.add(r);
        }
        out.collect(Inbound.of(mark, readings));
    }

    public static Reading toReading(Telemetry t, Measurement m) {
        Reading r =
                new Reading(
                        t.getDeviceId(),
                        m.getMetric(),
                        m.getValue(),
                        t.getEventTimeMs(),
                        t.getSeq());
        r.gatewayId = t.getGatewayId();
        r.receiveTimeMs = t.getReceiveTimeMs();
        return r;
    }

    private void deadLetter(
            ConsumerRecord<byte[], byte[]> record,
            String code,
            String reason,
            Collector<Inbound> out) {
        counter(true).inc();
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        out.collect(
                Inbound.of(
                        new DeadLetterRecord(
                                record.value() == null ? new byte[0] : record.value(),
                                record.topic(),
                                key,
                                code,
                                reason,
                                record.timestamp())));
    }

    private Counter counter(boolean undecodableCounter) {
        // open() is not called when the schema is used outside a source (unit tests).
        if (undecodable == null) {
            undecodable = new SimpleCounter();
            nonFinite = new SimpleCounter();
        }
        return undecodableCounter ? undecodable : nonFinite;
    }

    @Override
    public TypeInformation<Inbound> getProducedType() {
        return TypeInformation.of(Inbound.class);
    }
}
