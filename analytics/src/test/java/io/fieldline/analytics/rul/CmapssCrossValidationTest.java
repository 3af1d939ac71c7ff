package io.fieldline.analytics.rul;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-validation on a small synthetic fleet in C-MAPSS format (the real data stays out of
 * tests).
 */
class CmapssCrossValidationTest {
    /** 30 engines; sensors 2 and 7 degrade exponentially towards failure, the rest are noise. */
    static Path syntheticFleet(Path dir) throws IOException {
        Random r = new Random(11);
        StringBuilder b = new StringBuilder();
        for (int unit = 1; unit <= 30; unit++) {
            int life = 150 + r.nextInt(120);
            for (int cycle = 1; cycle <= life; cycle++) {
                double wear = Math.exp((cycle - life) / 40.0);
                b.append(unit).append(' ').append(cycle).append(" 0 0 100");
                for (int s = 1; s <= 21; s++) {
                    double v = 100 + s + r.nextGaussian() * 0.5;
                    if (s == 2) {
                        v += 10 * wear;
                    } else if (s == 7) {
                        v -= 6 * wear;
                    }
                    b.append(' ').append(String.format(Locale.ROOT, "%.4f", v));
                }
                b.append('\n');
            }
        }
        Path f = dir.resolve("train_synthetic.txt");
        Files.writeString(f, b);
        return f;
    }

    @Test
    void readsEnginesAndTheirRemainingLife(@TempDir Path dir) throws IOException {
        List<CmapssData.Engine> engines = CmapssData.read(syntheticFleet(dir));
        assertThat(engines).hasSize(30);
        CmapssData.Engine first = engines.get(0);
        assertThat(first.cycles()[0]).isEqualTo(1);
        assertThat(first.remaining(first.cycles().length - 1)).isZero();
        assertThat(first.sensors()[0]).hasSize(21);
    }

    @Test
    void crossValidatedErrorIsFarBelowTheNaiveBaseline(@TempDir Path dir) throws IOException {
        List<CmapssData.Engine> engines = CmapssData.read(syntheticFleet(dir));
        CmapssCrossValidation.Result r = CmapssCrossValidation.run(engines, 5, 20);
        assertThat(r.foldRmse()).hasSize(5);
        long rows = engines.stream().mapToLong(e -> e.cycles().length).sum();
        assertThat(r.predictions()).isEqualTo(rows);
        // Predicting the capped mean everywhere scores about 30 on this fleet.
        assertThat(r.rmse()).isLessThan(15);
        assertThat(r.bandCoverage()).isGreaterThan(0.6);
    }
}
