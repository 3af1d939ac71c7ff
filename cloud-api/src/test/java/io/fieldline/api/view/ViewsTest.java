package io.fieldline.api.view;

import static io.fieldline.api.TestData.T0_MS;
import static io.fieldline.api.TestData.aggregate;
import static io.fieldline.api.TestData.alert;
import static io.fieldline.api.TestData.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.api.config.ViewLimits;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Rule;
import io.fieldline.proto.Severity;
import io.fieldline.proto.Topics;
import io.fieldline.proto.WindowAggregate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private final Views views = new Views(new ViewLimits(100, 2, 3, 2, Duration.ofDays(1)));
    private final List<LiveEvent> live = new ArrayList<>();

    ViewsTest() {
        views.addListener(live::add);
    }

    @Test
    void replayedRecordsFillTheViewsButOnlyNewOnesGoLive() {
        byte[] a1 = alert("a1", "d1", AlertKind.THRESHOLD, Severity.WARNING, T0_MS).toByteArray();
        byte[] a2 = alert("a2", "d1", AlertKind.ANOMALY, Severity.WARNING, T0_MS).toByteArray();
        views.accept(Topics.ALERTS.name(), "d1", a1, false);
        views.accept(Topics.ALERTS.name(), "d1", a2, true);
        views.accept(Topics.ALERTS.name(), "d1", a2, true);
        views.accept(
                Topics.WINDOW_AGGREGATES.name(),
                "d1",
                aggregate("d1", "temperature", T0_MS, 20).toByteArray(),
                true);

        assertThat(views.alerts().size()).isEqualTo(2);
        assertThat(live).extracting(LiveEvent::type).containsExactly("alert", "aggregate");
    }

    @Test
    void seriesKeepsTheNewestPointsPerMetricInWindowOrder() {
        for (int i = 4; i >= 0; i--) {
            views.accept(
                    Topics.WINDOW_AGGREGATES.name(),
                    "d1",
                    aggregate("d1", "temperature", T0_MS + i * 10_000L, i).toByteArray(),
                    false);
        }
        views.accept(
                Topics.WINDOW_AGGREGATES.name(),
                "d1",
                aggregate("d1", "vibration", T0_MS, 7).toByteArray(),
                false);

        List<WindowAggregate> temps =
                views.series().query("d1", "temperature", null, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(temps).extracting(WindowAggregate::getMean).containsExactly(2.0, 3.0, 4.0);
        assertThat(views.series().query("d1", null, null, T0_MS + 30_000, T0_MS + 40_000))
                .extracting(WindowAggregate::getMean)
                .containsExactly(3.0);
        assertThat(views.series().metrics("d1")).containsExactly("temperature", "vibration");
    }

    @Test
    void aRevisedWindowReplacesTheOneItCorrectsAndAnOlderRevisionDoesNot() {
        WindowAggregate first =
                aggregate("d1", "temperature", T0_MS, 1).toBuilder().setRevision(1).build();
        WindowAggregate second = first.toBuilder().setMean(2).setRevision(2).build();
        views.accept(Topics.WINDOW_AGGREGATES.name(), "k", second.toByteArray(), false);
        views.accept(Topics.WINDOW_AGGREGATES.name(), "k", first.toByteArray(), false);
        assertThat(views.series().query("d1", "temperature", null, Long.MIN_VALUE, Long.MAX_VALUE))
                .extracting(WindowAggregate::getMean)
                .containsExactly(2.0);

        var cloud = ledger("d1", T0_MS, 10, 3).toBuilder().setRevision(1).build();
        var corrected = cloud.toBuilder().setMissing(0).setGatewayId("gw-a").setRevision(2).build();
        views.accept(Topics.LEDGER.name(), "d1", cloud.toByteArray(), false);
        views.accept(Topics.LEDGER.name(), "d1", corrected.toByteArray(), false);
        assertThat(views.ledger().query("d1", 10))
                .singleElement()
                .satisfies(e -> assertThat(e.getMissing()).isZero());
    }

    @Test
    void evictingADeviceForgetsItsSeriesAndLedger() {
        views.accept(Topics.LEDGER.name(), "d1", ledger("d1", T0_MS, 10, 0).toByteArray(), false);
        views.accept(
                Topics.LEDGER.name(), "d2", ledger("d2", T0_MS + 1, 10, 0).toByteArray(), false);
        views.accept(
                Topics.LEDGER.name(), "d3", ledger("d3", T0_MS + 2, 10, 0).toByteArray(), false);

        assertThat(views.ledger().query("d1", 10)).isEmpty();
        assertThat(views.ledger().query(null, 10)).hasSize(2);
    }

    @Test
    void aRuleTombstoneDeletesTheRule() {
        Rule rule = Rule.newBuilder().setRuleId("r1").setDeviceGlob("*").build();
        views.accept(Topics.RULES.name(), "r1", rule.toByteArray(), false);
        assertThat(views.rules().get("r1")).contains(rule);

        views.accept(Topics.RULES.name(), "r1", null, true);
        assertThat(views.rules().get("r1")).isEmpty();
    }

    @Test
    void undecodableRecordsAreCountedAndSkipped() {
        views.accept(Topics.ALERTS.name(), "d1", new byte[] {(byte) 0xff, 0x01}, true);

        assertThat(views.undecodable()).isEqualTo(1);
        assertThat(views.alerts().size()).isZero();
    }
}
