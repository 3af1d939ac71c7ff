package io.fieldline.gateway;

import static io.fieldline.gateway.GatewayTestSupport.connectV3;
import static io.fieldline.gateway.GatewayTestSupport.json;
import static io.fieldline.gateway.GatewayTestSupport.newDevice;
import static io.fieldline.gateway.GatewayTestSupport.topicOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.gateway.kafka.ProducerFactory;
import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import io.fieldline.proto.Topics;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The loss ledger: after a device's publishes (forwarded, a QoS 1 duplicate, a malformed payload)
 * the gateway's {@code LedgerEntry} records on {@code fieldline.ledger}, summed, equal what was
 * published.
 */
@Timeout(60)
class LedgerTest {
    private static final long T0 = System.currentTimeMillis();

    @Test
    void ledgerCountsEqualWhatThePublisherSent() throws Exception {
        Vertx vertx = Vertx.vertx();
        Gateway gateway =
                GatewayTestSupport.start(
                        vertx, GatewayTestSupport.config(), ProducerFactory.kafka());
        String device = newDevice("ledger");
        try {
            MqttAsyncClient client = connectV3(gateway, device);
            for (int seq = 1; seq <= 5; seq++) {
                publish(client, device, json(T0 + seq, seq, "\"t\":" + seq));
            }
            publish(client, device, json(T0 + 3, 3, "\"t\":3")); // duplicate of seq 3
            publish(client, device, "{not json".getBytes(StandardCharsets.UTF_8));
            client.disconnect().waitForCompletion(5_000);
            client.close();
        } finally {
            // Closing publishes the ledger of the open window.
            GatewayTestSupport.stop(vertx, gateway);
        }
        List<LedgerEntry> entries =
                SharedKafka.recordsFor(Topics.LEDGER.name(), device, 1).stream()
                        .map(r -> parse(r.value()))
                        .toList();
        assertThat(entries).isNotEmpty();
        assertThat(entries).allMatch(e -> e.getSource() == LedgerSource.GATEWAY);
        assertThat(sum(entries, LedgerEntry::getReceived)).isEqualTo(7);
        assertThat(sum(entries, LedgerEntry::getForwarded)).isEqualTo(5);
        assertThat(sum(entries, LedgerEntry::getDuplicates)).isEqualTo(1);
        assertThat(sum(entries, LedgerEntry::getRejected)).isEqualTo(1);
        assertThat(sum(entries, e -> e.getDroppedByReasonOrDefault("MALFORMED_JSON", 0)))
                .isEqualTo(1);
        assertThat(entries.stream().mapToLong(LedgerEntry::getFirstSeq).min().getAsLong())
                .isEqualTo(1);
        assertThat(entries.stream().mapToLong(LedgerEntry::getLastSeq).max().getAsLong())
                .isEqualTo(5);
    }

    private static void publish(MqttAsyncClient client, String device, byte[] payload)
            throws Exception {
        client.publish(topicOf(device), payload, 1, false).waitForCompletion(10_000);
    }

    private static long sum(
            List<LedgerEntry> entries, java.util.function.ToLongFunction<LedgerEntry> f) {
        return entries.stream().mapToLong(f).sum();
    }

    private static LedgerEntry parse(byte[] value) {
        try {
            return LedgerEntry.parseFrom(value);
        } catch (Exception e) {
            throw new AssertionError("not a LedgerEntry", e);
        }
    }
}
