package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.topicOf;

import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.Telemetry;
import io.fieldline.testkit.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * What the overflow tests observe from outside the gateway: which QoS 1 publishes an MQTT 5 client
 * saw acknowledged or refused (reason code), what reached a Kafka topic, and {@code /metrics} and
 * {@code /ready} over HTTP.
 */
final class OverflowProbe {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Per device: seqs PUBACKed with success, and seqs refused with reason 0x97. */
    record Acks(Map<String, Set<Long>> acked, Map<String, Set<Long>> refused) {
        Set<Long> acked(String device) {
            return acked.getOrDefault(device, Set.of());
        }

        Set<Long> refused(String device) {
            return refused.getOrDefault(device, Set.of());
        }
    }

    private OverflowProbe() {}

    static MqttAsyncClient connectV5(Gateway gateway, String clientId) throws Exception {
        MqttAsyncClient c =
                new MqttAsyncClient(
                        "tcp://127.0.0.1:" + gateway.mqttPort(), clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    /**
     * Publishes seq 1..perDevice for every device at QoS 1, in rounds of 16 per device (fewer than
     * the gateway's in-flight cap), and records each publish's reason code.
     */
    static Acks publish(
            Gateway gateway, List<String> devices, int perDevice, IntFunction<byte[]> payload)
            throws Exception {
        Map<String, Set<Long>> acked = new HashMap<>();
        Map<String, Set<Long>> refused = new HashMap<>();
        Map<String, MqttAsyncClient> clients = new HashMap<>();
        for (String d : devices) {
            clients.put(d, connectV5(gateway, d));
        }
        try {
            for (int from = 1; from <= perDevice; from += 16) {
                for (String d : devices) {
                    List<IMqttToken> tokens = new ArrayList<>();
                    for (int seq = from; seq < from + 16 && seq <= perDevice; seq++) {
                        MqttMessage m = new MqttMessage(payload.apply(seq));
                        m.setQos(1);
                        tokens.add(publish(clients.get(d), topicOf(d), m));
                    }
                    for (int i = 0; i < tokens.size(); i++) {
                        tokens.get(i).waitForCompletion(10_000);
                        int rc = tokens.get(i).getReasonCodes()[0];
                        (rc < 0x80 ? acked : refused)
                                .computeIfAbsent(d, k -> new TreeSet<>())
                                .add((long) from + i);
                        if (rc >= 0x80 && rc != 0x97) {
                            throw new AssertionError("unexpected reason code " + rc);
                        }
                    }
                }
            }
        } finally {
            for (MqttAsyncClient c : clients.values()) {
                c.disconnectForcibly(1000, 1000, false);
                c.close();
            }
        }
        return new Acks(acked, refused);
    }

    // Paho frees an in-flight slot a little after the token completes: retry briefly.
    private static IMqttToken publish(MqttAsyncClient c, String topic, MqttMessage m)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                return c.publish(topic, m);
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                if (e.getReasonCode() != 32202 || System.nanoTime() > deadline) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
    }

    static byte[] json(long ts, long seq, String metrics) {
        return ("{\"ts\":" + ts + ",\"seq\":" + seq + ",\"metrics\":{" + metrics + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Distinct seqs per device in {@code fieldline.telemetry} (read to the end, then 500 ms). */
    static Map<String, Set<Long>> telemetrySeqs(EmbeddedKafka kafka, List<String> devices) {
        Map<String, Set<Long>> out = new HashMap<>();
        for (var r : readAll(kafka, "fieldline.telemetry", devices)) {
            Telemetry t = parse(r.value(), Telemetry::parseFrom);
            out.computeIfAbsent(t.getDeviceId(), k -> new TreeSet<>()).add(t.getSeq());
        }
        return out;
    }

    /**
     * The ledger entries of {@code devices}, one per (device, window): a replay may deliver an
     * entry twice, and consumers keep the latest per window (as {@code LedgerTotals} does).
     */
    static List<LedgerEntry> ledger(EmbeddedKafka kafka, List<String> devices) {
        Map<String, LedgerEntry> latest = new java.util.LinkedHashMap<>();
        for (var r : readAll(kafka, "fieldline.ledger", devices)) {
            LedgerEntry e = parse(r.value(), LedgerEntry::parseFrom);
            latest.put(e.getDeviceId() + "|" + e.getWindowStartMs(), e);
        }
        return List.copyOf(latest.values());
    }

    static long sum(List<LedgerEntry> entries, String device, Function<LedgerEntry, Long> f) {
        return entries.stream()
                .filter(e -> e.getDeviceId().equals(device))
                .mapToLong(f::apply)
                .sum();
    }

    static long dropped(List<LedgerEntry> entries, String device, String reason) {
        return sum(entries, device, e -> e.getDroppedByReasonOrDefault(reason, 0));
    }

    /** Every record of {@code topic} keyed by one of {@code keys}, up to the current end. */
    static List<ConsumerRecord<String, byte[]>> readAll(
            EmbeddedKafka kafka, String topic, List<String> keys) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                kafka.consumer("probe-" + System.nanoTime(), false)) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline
                    && parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                for (var r : c.poll(Duration.ofMillis(100))) {
                    if (keys.contains(r.key())) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    static String get(Gateway gateway, String path) throws Exception {
        return send(gateway, path).body();
    }

    static HttpResponse<String> send(Gateway gateway, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one Prometheus sample, e.g. {@code name{kind="telemetry",reason="X"}}. */
    static double metric(String scrape, String name, String labels) {
        Matcher m =
                Pattern.compile(
                                "^"
                                        + Pattern.quote(name + (labels.isEmpty() ? "" : labels))
                                        + " (\\S+)$",
                                Pattern.MULTILINE)
                        .matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("no sample " + name + labels + " in /metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    static double lost(String scrape, String reason) {
        return metric(
                scrape,
                "fieldline_gateway_outbox_lost_total",
                "{kind=\"telemetry\",reason=\"" + reason + "\"}");
    }

    interface Parser<T> {
        T parse(byte[] b) throws Exception;
    }

    static <T> T parse(byte[] value, Parser<T> p) {
        try {
            return p.parse(value);
        } catch (Exception e) {
            throw new AssertionError("unparsable record", e);
        }
    }
}
