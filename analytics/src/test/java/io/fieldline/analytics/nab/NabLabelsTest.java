package io.fieldline.analytics.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NabLabelsTest {
    @Test
    void parsesWindowsPerFileInOrder() {
        Map<String, List<String[]>> l =
                NabLabels.parse(
                        "{\"a/x.csv\": [], \"b/y.csv\": [[\"2014-01-01 00:00:00.000000\","
                                + " \"2014-01-02 00:00:00.000000\"]]}");
        assertThat(l.keySet()).containsExactly("a/x.csv", "b/y.csv");
        assertThat(l.get("b/y.csv").get(0))
                .containsExactly("2014-01-01 00:00:00.000000", "2014-01-02 00:00:00.000000");
        assertThat(NabLabels.windowCount(l)).isEqualTo(1);
    }

    @Test
    void rejectsTheSingleLabelFileWithAHint() {
        assertThatThrownBy(() -> NabLabels.parse("{\"a/x.csv\": [\"2014-01-01 00:00:00\"]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is this combined_windows.json?");
    }

    @Test
    void layoutUsesTimestampsInclusivelyAndTheProbationRule() {
        String[] ts = new String[100];
        for (int i = 0; i < 100; i++) {
            ts[i] = String.format("2014-01-01 %02d:%02d:00", i / 60, i % 60);
        }
        NabLayout l =
                new NabLayout(
                        ts,
                        List.<String[]>of(
                                new String[] {
                                    "2014-01-01 00:40:00.000000", "2014-01-01 00:49:00.000000"
                                }));
        assertThat(l.probation).isEqualTo(15);
        assertThat(l.left[0]).isEqualTo(40);
        assertThat(l.right[0]).isEqualTo(49);
        assertThat(l.width[0]).isEqualTo(10);
        assertThat(l.truePositive(40, NabProfile.STANDARD))
                .isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(l.falsePositive(10, NabProfile.STANDARD)).isEqualTo(-0.11);
    }
}
