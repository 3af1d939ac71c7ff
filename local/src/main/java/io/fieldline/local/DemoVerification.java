package io.fieldline.local;

import io.fieldline.simulator.Simulator;
import io.fieldline.simulator.model.Fault;
import io.fieldline.simulator.model.GroundTruth;
import io.fieldline.simulator.verify.Scorer;
import io.fieldline.simulator.verify.TopicReader;
import io.fieldline.simulator.verify.VerifyReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo's ground truth and its own verify run: the simulator's labels are kept up to date in
 * {@code .fieldline/demo-truth.csv} so that {@code ./fieldline verify} can score the running demo,
 * and at the end the demo scores itself before its embedded Kafka goes away.
 */
final class DemoVerification {
    static final Path TRUTH = Path.of(".fieldline", "demo-truth.csv");
    static final Path REPORT = Path.of(".fieldline", "demo-verify.json");

    /**
     * Labels younger than this are left out: the job alerts once the device's clock, 5 s behind its
     * newest reading, has passed a reading, and a label it cannot have judged yet is no miss.
     */
    static final Duration SETTLE = Duration.ofSeconds(10);

    private final Simulator simulator;
    private final String bootstrap;

    DemoVerification(Simulator simulator, String bootstrap) {
        this.simulator = simulator;
        this.bootstrap = bootstrap;
    }

    /** The command that scores the running demo from another terminal. */
    String command() {
        return "./fieldline verify --bootstrap " + bootstrap + " --truth " + TRUTH;
    }

    /**
     * Rewrites the truth file with every label that started at least {@link #SETTLE} ago
     * (atomically: verify may be reading it); returns those labels.
     */
    List<Fault> writeTruth() {
        try {
            Files.createDirectories(TRUTH.getParent());
            Path tmp = TRUTH.resolveSibling(TRUTH.getFileName() + ".tmp");
            List<Fault> truth =
                    simulator.groundTruth(System.currentTimeMillis() - SETTLE.toMillis());
            GroundTruth.write(tmp, truth);
            Files.move(
                    tmp,
                    TRUTH,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return truth;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Scores what the pipeline committed so far against the settled labels (the same defaults as
     * {@code ./fieldline verify}) and writes the JSON report beside the truth file.
     */
    VerifyReport score() throws Exception {
        List<Fault> truth = writeTruth();
        TopicReader.Contents got =
                new TopicReader(bootstrap).read(Duration.ofSeconds(2), Duration.ofSeconds(20));
        VerifyReport report = new Scorer(2_000, 60_000).score(truth, got.alerts(), got.ledger());
        Files.writeString(REPORT, report.json() + "\n");
        return report;
    }
}
