package io.fieldline.jobs.serde;

import com.google.protobuf.InvalidProtocolBufferException;
import io.fieldline.jobs.model.RuleRecord;
import io.fieldline.proto.Rule;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protobuf {@code Rule} → {@link RuleRecord}; a null value (compaction tombstone) deletes the rule
 * named by the key. A rule that does not decode is skipped, counted and logged — never fatal.
 */
public class RuleDeserializer implements KafkaRecordDeserializationSchema<RuleRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleDeserializer.class);

    private transient Counter undecodable;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        undecodable = context.getMetricGroup().counter("fieldlineUndecodableRules");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleRecord> out) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            out.collect(RuleRecord.tombstone(key));
            return;
        }
        try {
            Rule rule = Rule.parseFrom(record.value());
            out.collect(toRecord(rule, key));
        } catch (InvalidProtocolBufferException e) {
            if (undecodable == null) {
                undecodable = new SimpleCounter();
            }
            undecodable.inc();
            LOG.warn("Skipping undecodable rule with key '{}': {}", key, e.getMessage());
        }
    }

    public static RuleRecord toRecord(Rule rule, String key) {
        RuleRecord r = new RuleRecord();
        r.ruleId = rule.getRuleId().isEmpty() ? key : rule.getRuleId();
        r.deviceGlob = rule.getDeviceGlob().isEmpty() ? "*" : rule.getDeviceGlob();
        r.metricGlob = rule.getMetricGlob().isEmpty() ? "*" : rule.getMetricGlob();
        r.kind = rule.getKind();
        r.lower = rule.hasLower() ? rule.getLower() : null;
        r.upper = rule.hasUpper() ? rule.getUpper() : null;
        r.detector = rule.getDetector();
        r.params.putAll(rule.getParamsMap());
        r.enabled = rule.getEnabled();
        r.updatedMs = rule.getUpdatedMs();
        r.severity =
                rule.getSeverity() == io.fieldline.proto.Severity.SEVERITY_UNSPECIFIED
                        ? io.fieldline.proto.Severity.WARNING
                        : rule.getSeverity();
        r.patternN = rule.getPatternN();
        r.patternM = rule.getPatternM();
        r.patternWithinMs = rule.getPatternWithinMs();
        r.description = rule.getDescription();
        return r;
    }

    @Override
    public TypeInformation<RuleRecord> getProducedType() {
        return TypeInformation.of(RuleRecord.class);
    }
}
