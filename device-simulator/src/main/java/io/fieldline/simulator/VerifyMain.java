package io.fieldline.simulator;

import io.fieldline.simulator.config.Flags;
import io.fieldline.simulator.model.GroundTruth;
import io.fieldline.simulator.verify.Scorer;
import io.fieldline.simulator.verify.TopicReader;
import io.fieldline.simulator.verify.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Entry point of {@code ./fieldline verify --bootstrap localhost:9092 --truth truth.csv}: reads the
 * pipeline's alerts and loss ledger from Kafka and scores them against the simulator's ground truth
 * (precision, recall and delay per fault kind, remaining-life lead time, loss).
 */
public final class VerifyMain {
    private VerifyMain() {}

    public static void main(String[] args) throws Exception {
        Flags f;
        try {
            f =
                    new Flags(
                            args,
                            new LinkedHashSet<>(
                                    List.of(
                                            "--bootstrap",
                                            "--truth",
                                            "--idle",
                                            "--timeout",
                                            "--slack",
                                            "--grace",
                                            "--report")));
            if (!f.has("--truth")) {
                throw new IllegalArgumentException("--truth FILE is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("fieldline verify: " + e.getMessage());
            System.exit(2);
            return;
        }
        var truth = GroundTruth.read(Path.of(f.string("--truth", "")));
        TopicReader.Contents got =
                new TopicReader(f.string("--bootstrap", "localhost:9092"))
                        .read(
                                f.duration("--idle", Duration.ofSeconds(10)),
                                f.duration("--timeout", Duration.ofMinutes(2)));
        VerifyReport report =
                new Scorer(
                                f.duration("--slack", Duration.ofSeconds(2)).toMillis(),
                                f.duration("--grace", Duration.ofSeconds(60)).toMillis())
                        .score(truth, got.alerts(), got.ledger());
        System.out.println(report.text());
        System.out.println(report.json());
        if (f.has("--report")) {
            Files.writeString(Path.of(f.string("--report", "")), report.json() + "\n");
        }
    }
}
