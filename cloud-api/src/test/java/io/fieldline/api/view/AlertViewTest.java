package io.fieldline.api.view;

import static io.fieldline.api.TestData.T0_MS;
import static io.fieldline.api.TestData.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import org.junit.jupiter.api.Test;

class AlertViewTest {
    private static final long HOUR = 3_600_000;

    @Test
    void duplicateAlertIdsAreKeptOnce() {
        AlertView view = new AlertView(100, 24 * HOUR);
        Alert a = alert("a1", "d1", AlertKind.THRESHOLD, Severity.WARNING, T0_MS);

        assertThat(view.add(a)).isTrue();
        assertThat(view.add(a)).isFalse();
        assertThat(view.size()).isEqualTo(1);
    }

    @Test
    void filtersCombineAndResultsAreNewestFirst() {
        AlertView view = new AlertView(100, 24 * HOUR);
        view.add(alert("a1", "d1", AlertKind.THRESHOLD, Severity.WARNING, T0_MS));
        view.add(alert("a2", "d1", AlertKind.ANOMALY, Severity.CRITICAL, T0_MS + 2));
        view.add(alert("a3", "d2", AlertKind.THRESHOLD, Severity.CRITICAL, T0_MS + 1));
        view.add(alert("a4", "d1", AlertKind.THRESHOLD, Severity.CRITICAL, T0_MS + 3));

        assertThat(ids(view, new AlertQuery("d1", null, null, null, 10)))
                .containsExactly("a4", "a2", "a1");
        assertThat(ids(view, new AlertQuery("d1", AlertKind.THRESHOLD, null, null, 10)))
                .containsExactly("a4", "a1");
        assertThat(ids(view, new AlertQuery(null, null, Severity.CRITICAL, T0_MS + 2, 10)))
                .containsExactly("a4", "a2");
        assertThat(ids(view, AlertQuery.all(2))).containsExactly("a4", "a2");
    }

    @Test
    void oldestAlertsAreEvictedByCountAndByAge() {
        AlertView byCount = new AlertView(2, 24 * HOUR);
        for (int i = 0; i < 5; i++) {
            byCount.add(alert("c" + i, "d1", AlertKind.ANOMALY, Severity.INFO, T0_MS + i));
        }
        assertThat(ids(byCount, AlertQuery.all(10))).containsExactly("c4", "c3");

        AlertView byAge = new AlertView(100, HOUR);
        byAge.add(alert("old", "d1", AlertKind.ANOMALY, Severity.INFO, T0_MS));
        byAge.add(alert("new", "d1", AlertKind.ANOMALY, Severity.INFO, T0_MS + 2 * HOUR));
        assertThat(ids(byAge, AlertQuery.all(10))).containsExactly("new");
    }

    private static java.util.List<String> ids(AlertView view, AlertQuery q) {
        return view.query(q).stream().map(Alert::getAlertId).toList();
    }
}
