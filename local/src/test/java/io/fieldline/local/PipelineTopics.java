package io.fieldline.local;

import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import io.fieldline.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The pipeline as the end-to-end tests see it: the job's MiniCluster, and its output topics read as
 * their consumers read them — the window aggregates and the cloud ledger as upsert tables (the
 * highest revision of each window), from committed records only.
 */
final class PipelineTopics {
    private PipelineTopics() {}

    /** The job's Flink MiniCluster for these tests: one TaskManager, two slots (parallelism 2). */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /** Every tumbling window so far at its highest revision, by device|metric|start. */
    static Map<String, WindowAggregate> latestTumbling(EmbeddedKafka kafka) throws Exception {
        Map<String, WindowAggregate> out = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r :
                kafka.consume(
                        Topics.WINDOW_AGGREGATES.name(), 1_000_000, Duration.ofSeconds(3), true)) {
            WindowAggregate w = WindowAggregate.parseFrom(r.value());
            if (w.getWindowKind().equals("tumbling")) {
                out.merge(
                        w.getDeviceId() + "|" + w.getMetric() + "|" + w.getWindowStartMs(),
                        w,
                        (x, y) -> y.getRevision() > x.getRevision() ? y : x);
            }
        }
        return out;
    }

    /** Every cloud ledger window so far at its highest revision, by device|start. */
    static Map<String, LedgerEntry> latestCloudLedger(EmbeddedKafka kafka) throws Exception {
        Map<String, LedgerEntry> out = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r :
                kafka.consume(Topics.LEDGER.name(), 1_000_000, Duration.ofSeconds(3), true)) {
            LedgerEntry e = LedgerEntry.parseFrom(r.value());
            if (e.getSource() == LedgerSource.CLOUD) {
                out.merge(
                        e.getDeviceId() + "|" + e.getWindowStartMs(),
                        e,
                        (x, y) -> y.getRevision() > x.getRevision() ? y : x);
            }
        }
        return out;
    }

    /** The count of each window, to compare with the expected counts. */
    static Map<String, Long> counts(Map<String, WindowAggregate> windows) {
        Map<String, Long> out = new TreeMap<>();
        windows.forEach((k, w) -> out.put(k, w.getCount()));
        return out;
    }
}
