package io.fieldline.jobs.serde;

import com.google.protobuf.InvalidProtocolBufferException;
import io.fieldline.jobs.model.LedgerRecord;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways' {@code LedgerEntry} reports from {@code fieldline.ledger}. The job writes its own
 * CLOUD entries to the same topic, so only GATEWAY entries pass; undecodable ones are skipped.
 */
public class LedgerDeserializer implements KafkaRecordDeserializationSchema<LedgerRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LedgerDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LedgerRecord> out) {
        if (record.value() == null) {
            return;
        }
        try {
            LedgerEntry e = LedgerEntry.parseFrom(record.value());
            if (e.getSource() == LedgerSource.GATEWAY && !e.getDeviceId().isEmpty()) {
                out.collect(toRecord(e));
            }
        } catch (InvalidProtocolBufferException ex) {
            LOG.warn("Skipping undecodable ledger entry at offset {}", record.offset());
        }
    }

    public static LedgerRecord toRecord(LedgerEntry e) {
        LedgerRecord r = new LedgerRecord();
        r.fromGateway = true;
        r.gatewayId = e.getGatewayId();
        r.deviceId = e.getDeviceId();
        r.windowStartMs = e.getWindowStartMs();
        r.windowEndMs = e.getWindowEndMs();
        r.received = e.getReceived();
        r.forwarded = e.getForwarded();
        r.filtered = e.getFiltered();
        r.rejected = e.getRejected();
        r.shed = e.getShed();
        r.droppedByReason.putAll(e.getDroppedByReasonMap());
        r.duplicates = e.getDuplicates();
        r.firstSeq = e.getFirstSeq();
        r.lastSeq = e.getLastSeq();
        return r;
    }

    @Override
    public TypeInformation<LedgerRecord> getProducedType() {
        return TypeInformation.of(LedgerRecord.class);
    }
}
