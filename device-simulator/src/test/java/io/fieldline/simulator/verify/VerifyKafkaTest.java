package io.fieldline.simulator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.proto.LedgerEntry;
import io.fieldline.proto.LedgerSource;
import io.fieldline.proto.Topics;
import io.fieldline.testkit.EmbeddedKafka;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verify reads real alerts and ledger entries from an embedded Kafka broker and scores them. */
@Timeout(120)
class VerifyKafkaTest {
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        kafka.createFieldlineTopics(2);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void scoresAlertsAndLedgerReadFromTheTopics() throws Exception {
        try (KafkaProducer<String, byte[]> p = kafka.producer()) {
            for (var a : ScorerTest.ALERTS) {
                p.send(
                        new ProducerRecord<>(
                                Topics.ALERTS.name(), a.getDeviceId(), a.toByteArray()));
            }
            LedgerEntry cloud =
                    LedgerEntry.newBuilder()
                            .setSource(LedgerSource.CLOUD)
                            .setDeviceId("dev-1")
                            .setExpected(500)
                            .setMissing(1)
                            .build();
            p.send(new ProducerRecord<>(Topics.LEDGER.name(), "dev-1", cloud.toByteArray()));
            p.flush();
        }

        TopicReader.Contents got =
                new TopicReader(kafka.bootstrapServers())
                        .read(Duration.ofSeconds(3), Duration.ofSeconds(60));
        VerifyReport r =
                new Scorer(2_000, 30_000).score(ScorerTest.TRUTH, got.alerts(), got.ledger());

        assertThat(got.alerts()).hasSize(ScorerTest.ALERTS.size());
        assertThat(r.matchedAlerts()).isEqualTo(5);
        assertThat(r.recall()).isEqualTo(0.8);
        assertThat(r.ledger().cloudExpected()).isEqualTo(500);
        assertThat(r.ledger().cloudMissing()).isEqualTo(1);
        assertThat(r.json()).contains("\"cloud_missing\":1");
    }
}
