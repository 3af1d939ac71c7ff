package io.fieldline.gateway;

import io.fieldline.gateway.config.GatewayConfig.OutboxSettings;
import io.fieldline.gateway.forward.OutboxDrainer;
import io.fieldline.gateway.forward.OutboxForwarder;
import io.fieldline.gateway.forward.OutboxLosses;
import io.fieldline.gateway.kafka.RecordSink;
import io.fieldline.gateway.outbox.DiskOutbox;
import io.fieldline.gateway.outbox.OutboxConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's store-and-forward path when {@code outbox.enabled}: the disk outbox, the forwarder
 * the publish path appends through (PUBACK on durable), the drainer that sends to Kafka, and their
 * gauges in {@code /metrics}.
 */
final class OutboxPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPipeline.class);

    private final DiskOutbox outbox;
    private final OutboxForwarder forwarder;
    private final OutboxLosses losses;
    private final OutboxDrainer drainer;
    private final long maxBytes;
    private final io.fieldline.gateway.outbox.OverflowPolicy overflow;

    private OutboxPipeline(
            DiskOutbox outbox, RecordSink sink, OutboxSettings s, GatewayMetrics metrics) {
        this.outbox = outbox;
        this.losses = new OutboxLosses(metrics.registry());
        outbox.lossListener(losses);
        this.forwarder = new OutboxForwarder(outbox, losses);
        this.drainer =
                new OutboxDrainer(outbox, sink, s.maxReplayPerSecond(), s.liveSharePercent());
        this.maxBytes = s.maxBytes();
        this.overflow = s.overflow();
    }

    static OutboxPipeline open(OutboxSettings s, RecordSink sink, GatewayMetrics metrics)
            throws IOException {
        int segment = (int) Math.min(16L << 20, s.maxBytes() / 4);
        OutboxConfig cfg =
                OutboxConfig.defaults(Path.of(s.dir()))
                        .withSegmentBytes(segment)
                        .withMaxBytes(s.maxBytes())
                        .withFsync(s.fsync(), s.fsyncIntervalMs())
                        .withOverflow(s.overflow());
        DiskOutbox outbox = DiskOutbox.open(cfg);
        LOG.info("event=outbox-opened dir={} recovery={}", s.dir(), outbox.recoveryReport());
        OutboxPipeline p = new OutboxPipeline(outbox, sink, s, metrics);
        p.registerGauges(metrics);
        return p;
    }

    private void registerGauges(GatewayMetrics m) {
        String n = "fieldline.gateway.outbox.";
        m.gauge(n + "bytes", "bytes of all outbox segment files", outbox::totalBytes);
        m.gauge(
                n + "pending.bytes",
                "frame bytes not yet acknowledged by Kafka",
                outbox::pendingBytes);
        m.gauge(
                n + "pending.records",
                "records not yet acknowledged by Kafka",
                outbox::pendingRecords);
        m.gauge(
                n + "oldest.unsent.age.seconds",
                "age of the oldest unacknowledged record",
                this::oldestAgeSeconds);
        m.gauge(
                n + "appended",
                "records appended (this process)",
                () -> outbox.counters().appended());
        m.gauge(n + "drained", "records Kafka acknowledged from the outbox", drainer::acked);
        m.gauge(n + "send.failures", "outbox sends Kafka failed (then retried)", drainer::failures);
        m.gauge(
                n + "drain.rate",
                "records/s Kafka acknowledged from the outbox over the last 5 s",
                drainer::drainRate);
        m.gauge(
                n + "replay.backlog.records",
                "records pending when the current replay began (0: no replay)",
                drainer::replayBacklog);
        m.gauge(
                n + "replay.remaining.records",
                "records of the current replay's backlog Kafka has not acknowledged yet",
                drainer::replayRemaining);
        m.gauge(
                n + "replay.live.sent",
                "live records sent while a backlog was being replayed (live share)",
                drainer::liveSentDuringReplay);
        m.gauge(n + "rejected", "appends refused: outbox full", () -> outbox.counters().rejected());
        m.gauge(
                n + "dropped.oldest",
                "unsent records dropped by drop-oldest",
                () -> outbox.counters().droppedOldest());
        m.gauge(
                n + "shed.degraded",
                "records shed by degrade (stored or incoming)",
                () -> outbox.counters().shedDegraded());
        m.gauge(
                n + "truncated.on.recovery",
                "frames cut by start-up recovery",
                () -> outbox.counters().truncatedOnRecovery());
    }

    private double oldestAgeSeconds() {
        long t = outbox.oldestPendingAppendTimeMs();
        return t <= 0 ? 0 : Math.max(0, System.currentTimeMillis() - t) / 1000.0;
    }

    /** Refused, shed and dropped records: counted by reason, readings also in the ledger. */
    OutboxLosses losses() {
        return losses;
    }

    OutboxForwarder forwarder() {
        return forwarder;
    }

    DiskOutbox outbox() {
        return outbox;
    }

    /** Full: less than 1 % (at least 64 KiB) of the byte bound left. */
    /** Records in the outbox that Kafka has not acknowledged yet. */
    long unacknowledged() {
        return Math.max(0, outbox.nextOffset() - outbox.firstUnacknowledged());
    }

    boolean full() {
        return outbox.totalBytes() >= maxBytes - Math.max(64 * 1024, maxBytes / 100);
    }

    /** What {@code /ready} says when {@link #full()}. */
    String fullReason() {
        return "outbox full ("
                + outbox.totalBytes()
                + " of "
                + maxBytes
                + " bytes, overflow "
                + overflow.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + ")";
    }

    /** While Kafka is connected, waits up to {@code timeout} for the outbox to empty. */
    void drainBeforeClose(BooleanSupplier kafkaUp, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (kafkaUp.getAsBoolean()
                && outbox.pendingRecords() > 0
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Stops the drainer (what is unsent stays in the outbox for the next start). */
    void stopDraining() {
        drainer.close();
    }

    void close() {
        try {
            outbox.close();
        } catch (IOException e) {
            LOG.warn("event=outbox-close-failed error={}", e.toString());
        }
    }
}
