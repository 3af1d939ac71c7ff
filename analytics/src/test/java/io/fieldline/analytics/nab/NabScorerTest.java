package io.fieldline.analytics.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves the scorer against NAB's own per-row scores on copied reference files (see NOTICE.md). */
class NabScorerTest {
    private static final String[] PROFILE_COLUMNS = {
        "S(t)_standard", "S(t)_reward_low_FP_rate", "S(t)_reward_low_FN_rate"
    };

    @ParameterizedTest
    @ValueSource(
            strings = {
                "realAdExchange/exchange-4_cpc_results.csv",
                "realAdExchange/exchange-3_cpc_results.csv",
                "realKnownCause/rogue_agent_key_updown.csv",
                "realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv"
            })
    void reproducesNabPerRowAndPerFileScores(String file) throws Exception {
        Reference ref = Reference.load(file);
        NabLayout layout = new NabLayout(ref.series.timestamps, labels().get(file));
        NabProfile[] profiles = {
            NabProfile.STANDARD, NabProfile.REWARD_LOW_FP_RATE, NabProfile.REWARD_LOW_FN_RATE
        };
        for (int p = 0; p < profiles.length; p++) {
            NabScorer.FileScore s = NabScorer.score(layout, ref.series.scores, 1.0, profiles[p]);
            double[] expected = ref.column(PROFILE_COLUMNS[p]);
            double expectedTotal = 0;
            for (int i = 0; i < expected.length; i++) {
                assertThat(s.perRow()[i])
                        .as("%s %s row %d", file, PROFILE_COLUMNS[p], i)
                        .isCloseTo(expected[i], within(1e-9));
                expectedTotal += expected[i];
            }
            assertThat(s.raw()).isCloseTo(expectedTotal, within(1e-9));
        }
        int[] label = ref.labels();
        for (int i = 0; i < label.length; i++) {
            assertThat(layout.windowOf[i] >= 0 ? 1 : 0)
                    .as("label of row %d", i)
                    .isEqualTo(label[i]);
        }
    }

    @Test
    void exchange4HasTheKnownMixOfDetectionsAndMisses() throws Exception {
        String file = "realAdExchange/exchange-4_cpc_results.csv";
        Reference ref = Reference.load(file);
        NabLayout layout = new NabLayout(ref.series.timestamps, labels().get(file));
        NabScorer.FileScore s =
                NabScorer.score(layout, ref.series.scores, 1.0, NabProfile.STANDARD);
        assertThat(s.tp()).isEqualTo(2);
        assertThat(s.fn()).isEqualTo(1);
        assertThat(s.fp()).isEqualTo(4);
    }

    @Test
    void sweepFindsTheThresholdThatMaximisesTheCorpusScore() throws Exception {
        List<NabLayout> layouts = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : labels().entrySet()) {
            Reference ref = Reference.load(e.getKey());
            layouts.add(new NabLayout(ref.series.timestamps, e.getValue()));
            scores.add(ref.series.scores);
        }
        NabScorer.Sweep sweep = NabScorer.sweep(layouts, scores, NabProfile.STANDARD);
        double atBest = 0;
        for (int f = 0; f < layouts.size(); f++) {
            atBest +=
                    NabScorer.score(
                                    layouts.get(f),
                                    scores.get(f),
                                    sweep.threshold(),
                                    NabProfile.STANDARD)
                            .raw();
        }
        assertThat(atBest).isCloseTo(sweep.raw(), within(1e-9));
        for (double th : new double[] {0.5, 0.9, 0.99, 0.999, 1.0}) {
            double raw = 0;
            for (int f = 0; f < layouts.size(); f++) {
                raw +=
                        NabScorer.score(layouts.get(f), scores.get(f), th, NabProfile.STANDARD)
                                .raw();
            }
            assertThat(raw).isLessThanOrEqualTo(sweep.raw() + 1e-12);
        }
    }

    @Test
    void normalisesAgainstNullAndPerfectDetectors() {
        assertThat(NabProfile.STANDARD.normalise(-15.1504, 57)).isCloseTo(36.710, within(5e-4));
        assertThat(NabProfile.REWARD_LOW_FN_RATE.normalise(-40.1504, 57))
                .isCloseTo(43.187, within(5e-4));
        assertThat(NabProfile.STANDARD.normalise(-57, 57)).isZero();
    }

    static Map<String, List<String[]>> labels() throws IOException, URISyntaxException {
        return NabLabels.read(resource("combined_windows.json"));
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(NabScorerTest.class.getResource("/nab/" + name).toURI());
    }

    record Reference(NabSeries series, List<String> lines) {
        static Reference load(String file) throws Exception {
            Path rel = Path.of(file);
            Path p =
                    resource(
                            "reference/windowedGaussian/"
                                    + rel.getParent()
                                    + "/windowedGaussian_"
                                    + rel.getFileName());
            return new Reference(NabSeries.read(p), Files.readAllLines(p));
        }

        double[] column(String name) {
            int c = List.of(lines.get(0).split(",")).indexOf(name);
            double[] out = new double[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                out[i - 1] = Double.parseDouble(lines.get(i).split(",")[c]);
            }
            return out;
        }

        int[] labels() {
            double[] d = column("label");
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (int) d[i];
            }
            return out;
        }
    }
}
