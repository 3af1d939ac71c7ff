package io.fieldline.jobs.serde;

import com.google.protobuf.InvalidProtocolBufferException;
import io.fieldline.analytics.aggregate.Stats;
import io.fieldline.jobs.model.DeadLetterRecord;
import io.fieldline.jobs.model.Inbound;
import io.fieldline.jobs.model.Partial;
import io.fieldline.proto.EdgeAggregate;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Protobuf {@code EdgeAggregate} → a {@link Partial} stamped with its first reading's time, so it
 * lands in the cloud window holding that edge window. Undecodable bytes become a dead letter.
 */
public class EdgeAggregateDeserializer implements KafkaRecordDeserializationSchema<Inbound> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Inbound> out) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        try {
            EdgeAggregate e = EdgeAggregate.parseFrom(value);
            if (e.getCount() > 0 && !e.getDeviceId().isEmpty()) {
                out.collect(Inbound.of(toPartial(e)));
            }
        } catch (InvalidProtocolBufferException ex) {
            String key =
                    record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
            out.collect(
                    Inbound.of(
                            new DeadLetterRecord(
                                    value,
                                    record.topic(),
                                    key,
                                    "UNDECODABLE",
                                    "not an EdgeAggregate protobuf: " + ex.getMessage(),
                                    record.timestamp())));
        }
    }

    public static Partial toPartial(EdgeAggregate e) {
        Stats s = new Stats();
        s.count = e.getCount();
        s.sum = e.getSum();
        s.sumOfSquares = e.getSumOfSquares();
        s.min = e.getMin();
        s.max = e.getMax();
        s.firstTimeMs = e.getFirstTimeMs() != 0 ? e.getFirstTimeMs() : e.getWindowStartMs();
        s.lastTimeMs = e.getLastTimeMs() != 0 ? e.getLastTimeMs() : s.firstTimeMs;
        Partial p = new Partial();
        p.deviceId = e.getDeviceId();
        p.metric = e.getMetric();
        p.timeMs = s.firstTimeMs;
        p.stats = s;
        return p;
    }

    @Override
    public TypeInformation<Inbound> getProducedType() {
        return TypeInformation.of(Inbound.class);
    }
}
