package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fieldline.gateway.forward.Envelope;
import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.gateway.outbox.OverflowPolicy;
import io.fieldline.proto.Telemetry;
import io.fieldline.proto.Topics;
import io.fieldline.testkit.EmbeddedKafka;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway holding unsent readings (Kafka stopped) is closed; the tail of its last outbox segment
 * is corrupted on disk (a flipped payload byte, then the file cut mid-frame); a new gateway on the
 * same directory, with Kafka back, sends exactly the readings before the corruption and reports the
 * frames it cut in {@code fieldline_gateway_outbox_truncated_on_recovery}.
 */
@Timeout(90)
class OutboxCorruptTailTest {
    private static final int READINGS = 300;
    private static final long CORRUPT_SEQ = 201;
    private final EmbeddedKafka kafka = OutageKafka.get();
    private Vertx vertx;
    private Gateway gateway;

    @TempDir Path dir;

    /** One frame of a segment file, as the test reads it independently of the outbox code. */
    private record Frame(long position, int length, String topic, long seq) {}

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close(Duration.ofSeconds(2)).await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void recoveryKeepsEverythingBeforeACorruptTailAndCountsWhatItCut() throws Exception {
        Path outbox = dir.resolve("outbox");
        String device = newDevice("tail");
        vertx = Vertx.vertx();
        gateway = start(outbox);
        kafka.stopBroker();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !gateway.ready());
            var acks =
                    OverflowProbe.publish(
                            gateway,
                            List.of(device),
                            READINGS,
                            seq -> OverflowProbe.json(1_700_000_000_000L + seq, seq, "\"t\":1"));
            assertThat(acks.acked(device)).hasSize(READINGS);
            gateway.close(Duration.ofSeconds(2)).await();
            gateway = null;
        } finally {
            kafka.restartBroker();
        }
        Cut cut = corruptTail(lastSegment(outbox));

        gateway = start(outbox);
        Set<Long> want = new TreeSet<>();
        LongStream.range(1, CORRUPT_SEQ).forEach(want::add);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> seqs(device).containsAll(want));
        assertThat(seqs(device)).isEqualTo(want);
        String metrics = OverflowProbe.get(gateway, "/metrics");
        assertThat(
                        OverflowProbe.metric(
                                metrics, "fieldline_gateway_outbox_truncated_on_recovery", ""))
                .isEqualTo(cut.frames());
        // The intact readings after the corrupt frame are attributed to the device.
        assertThat(OverflowProbe.lost(metrics, "OUTBOX_CUT_ON_RECOVERY"))
                .isEqualTo(cut.intactReadings());
        gateway.close(Duration.ofSeconds(10)).await();
        gateway = null;
        var ledger = OverflowProbe.ledger(kafka, List.of(device));
        assertThat(OverflowProbe.dropped(ledger, device, "OUTBOX_CUT_ON_RECOVERY"))
                .isEqualTo(cut.intactReadings());
    }

    /** Frames the corruption makes recovery cut, and the intact readings among them. */
    private record Cut(long frames, long intactReadings) {}

    private Gateway start(Path outbox) {
        Gateway g =
                GatewayTestSupport.start(
                        vertx,
                        GatewayOverflowTest.config(outbox, OverflowPolicy.REJECT_NEW, 1 << 20),
                        ProducerFactory.kafka());
        await().atMost(Duration.ofSeconds(30)).until(g::ready);
        return g;
    }

    private Set<Long> seqs(String device) {
        Map<String, Set<Long>> m = OverflowProbe.telemetrySeqs(kafka, List.of(device));
        return m.getOrDefault(device, Set.of());
    }

    private static Path lastSegment(Path outbox) throws IOException {
        try (var files = Files.list(outbox)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
    }

    /**
     * Flips a payload byte of the frame holding reading {@link #CORRUPT_SEQ} and cuts the file in
     * the middle of its last frame; returns how many frames that cuts (that one to the end) and how
     * many readings among them are still intact (between the two).
     */
    private static Cut corruptTail(Path segment) throws IOException {
        List<Frame> frames = frames(segment);
        int bad = -1;
        for (int i = 0; i < frames.size() && bad < 0; i++) {
            Frame f = frames.get(i);
            bad = f.topic().equals(Topics.TELEMETRY.name()) && f.seq() == CORRUPT_SEQ ? i : -1;
        }
        assertThat(bad).as("frame of seq %d in %s", CORRUPT_SEQ, segment).isNotNegative();
        Frame last = frames.get(frames.size() - 1);
        try (FileChannel ch =
                FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Frame f = frames.get(bad);
            long at = f.position() + 25 + f.length() / 2;
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) ~b.get(0)).rewind();
            ch.write(b, at);
            ch.truncate(last.position() + 25 + last.length() / 2);
            ch.force(true);
        }
        long intact =
                frames.subList(bad + 1, frames.size() - 1).stream()
                        .filter(f -> f.topic().equals(Topics.TELEMETRY.name()))
                        .count();
        return new Cut(frames.size() - bad, intact);
    }

    private static List<Frame> frames(Path segment) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Frame> out = new ArrayList<>();
        int pos = 0;
        while (pos + 25 <= buf.limit()) {
            int len = buf.getInt(pos);
            byte[] payload = new byte[len];
            buf.get(pos + 25, payload);
            Envelope e = Envelope.decode(payload);
            long seq =
                    e.topic().equals(Topics.TELEMETRY.name())
                            ? OverflowProbe.parse(e.value(), Telemetry::parseFrom).getSeq()
                            : -1;
            out.add(new Frame(pos, len, e.topic(), seq));
            pos += 25 + len;
        }
        return out;
    }
}
