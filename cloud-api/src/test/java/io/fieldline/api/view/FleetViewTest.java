package io.fieldline.api.view;

import static io.fieldline.api.TestData.T0_MS;
import static io.fieldline.api.TestData.alert;
import static io.fieldline.api.TestData.cleared;
import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.proto.Alert;
import io.fieldline.proto.AlertKind;
import io.fieldline.proto.Severity;
import org.junit.jupiter.api.Test;

class FleetViewTest {

    @Test
    void anAlertOpensItsConditionAndAClearedOneClosesIt() {
        FleetView fleet = new FleetView(10);
        Alert hot = alert("a1", "d1", AlertKind.THRESHOLD, Severity.CRITICAL, T0_MS);
        fleet.alert(hot);
        fleet.alert(alert("a2", "d1", AlertKind.ANOMALY, Severity.WARNING, T0_MS + 1));

        DeviceStatus open = fleet.get("d1").orElseThrow();
        assertThat(open.openAlerts()).extracting(Alert::getAlertId).containsExactly("a2", "a1");
        assertThat(open.health()).isEqualTo("critical");

        fleet.alert(cleared(hot, "a1-clear", T0_MS + 2));
        DeviceStatus after = fleet.get("d1").orElseThrow();
        assertThat(after.openAlerts()).extracting(Alert::getAlertId).containsExactly("a2");
        assertThat(after.health()).isEqualTo("warning");
        assertThat(after.lastSeenMs()).isEqualTo(T0_MS + 2);
    }

    @Test
    void anOlderRecordDoesNotReopenANewerClearedCondition() {
        FleetView fleet = new FleetView(10);
        Alert hot = alert("a1", "d1", AlertKind.THRESHOLD, Severity.CRITICAL, T0_MS);
        fleet.alert(cleared(hot, "a1-clear", T0_MS + 5));
        fleet.alert(hot);

        assertThat(fleet.get("d1").orElseThrow().openAlerts()).isEmpty();
        assertThat(fleet.get("d1").orElseThrow().health()).isEqualTo("ok");
    }

    @Test
    void remainingLifeIsTheLatestOpenEstimate() {
        FleetView fleet = new FleetView(10);
        fleet.alert(alert("r1", "d1", AlertKind.REMAINING_LIFE, Severity.WARNING, T0_MS));

        assertThat(fleet.get("d1").orElseThrow().remainingLife().getAlertId()).isEqualTo("r1");
    }

    @Test
    void theLeastRecentlySeenDeviceIsEvictedWhenFull() {
        FleetView fleet = new FleetView(2);
        fleet.seen("old", T0_MS);
        fleet.seen("mid", T0_MS + 1);

        assertThat(fleet.seen("new", T0_MS + 2)).contains("old");
        assertThat(fleet.all()).extracting(DeviceStatus::deviceId).containsExactly("mid", "new");
    }
}
