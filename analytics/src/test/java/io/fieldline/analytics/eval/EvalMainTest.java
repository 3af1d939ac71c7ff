package io.fieldline.analytics.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EvalMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path resource(String name) throws Exception {
        return Path.of(EvalMainTest.class.getResource("/nab/" + name).toURI());
    }

    /** Rebuilds NAB data files (timestamp,value) from the copied reference result files. */
    private static Path dataFrom(Path reference, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(reference)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = reference.relativize(f);
                String name = rel.getFileName().toString().replace("windowedGaussian_", "");
                Path target = dir.resolve(rel.getParent().toString()).resolve(name);
                Files.createDirectories(target.getParent());
                List<String> lines = Files.readAllLines(f);
                StringBuilder b = new StringBuilder("timestamp,value\n");
                for (String line : lines.subList(1, lines.size())) {
                    String[] c = line.split(",");
                    b.append(c[0]).append(',').append(c[1]).append('\n');
                }
                Files.writeString(target, b);
            }
        }
        return dir;
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("eval nab --data DIR --labels FILE");
    }

    @Test
    void noArgumentsAndUnknownCommandsAreUsageErrors() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("fly")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command 'fly'");
    }

    @Test
    void badFlagIsNamed() {
        assertThat(run("nab", "--dat", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown flag '--dat'");
    }

    @Test
    void missingPathIsNamed() {
        assertThat(run("cmapss", "--train", "/no/such/train.txt")).isEqualTo(2);
        assertThat(err.toString()).contains("--train /no/such/train.txt: no such file");
    }

    @Test
    void unknownDetectorIsAUsageError(@TempDir Path tmp) throws Exception {
        Path data = dataFrom(resource("reference/windowedGaussian"), tmp.resolve("data"));
        String labels = resource("combined_windows.json").toString();
        assertThat(run("nab", "--data", data.toString(), "--labels", labels, "--detector", "magic"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown detector 'magic'");
    }

    @Test
    void scoresNabResultFilesAtAFixedThreshold(@TempDir Path tmp) throws Exception {
        Path data = dataFrom(resource("reference/windowedGaussian"), tmp.resolve("data"));
        String labels = resource("combined_windows.json").toString();
        String results = resource("reference/windowedGaussian").toString();
        int code =
                run(
                        "nab",
                        "--data",
                        data.toString(),
                        "--labels",
                        labels,
                        "--results",
                        results,
                        "--threshold",
                        "1.0");
        assertThat(code).as(err.toString()).isZero();
        // exchange-4: 2 windows detected, 1 missed, 4 false positives (as NAB's own per-row
        // scores).
        assertThat(out.toString())
                .containsPattern(
                        "realAdExchange/exchange-4_cpc_results.csv\\s+1643\\s+3\\s+2\\s+1\\s+4\\s");
        assertThat(out.toString()).contains("standard", "reward_low_FP_rate", "reward_low_FN_rate");
    }

    @Test
    void replaysADetectorAndWritesNabResultFiles(@TempDir Path tmp) throws Exception {
        Path data = dataFrom(resource("reference/windowedGaussian"), tmp.resolve("data"));
        Path results = tmp.resolve("out");
        String labels = resource("combined_windows.json").toString();
        int code =
                run(
                        "nab",
                        "--data",
                        data.toString(),
                        "--labels",
                        labels,
                        "--detector",
                        "ensemble",
                        "--out",
                        results.toString());
        assertThat(code).as(err.toString()).isZero();
        Path file = results.resolve("ensemble/realAdExchange/ensemble_exchange-4_cpc_results.csv");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
        assertThat(lines).hasSize(1644);
        assertThat(lines.stream().skip(1).filter(l -> l.endsWith(",1"))).isNotEmpty();
    }
}
