package io.fieldline.gateway.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fieldline.gateway.config.FilterRule;
import io.fieldline.gateway.config.FilterRule.Mode;
import io.fieldline.gateway.model.FilterReason;
import io.fieldline.proto.Measurement;
import io.fieldline.proto.Telemetry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingFiltersTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final double OFF = Double.NaN;

    private final Map<FilterReason, Integer> dropped = new EnumMap<>(FilterReason.class);

    private ReadingFilters filters(int dedupWindow, FilterRule... rules) {
        return new ReadingFilters(
                List.of(rules), dedupWindow, (r, n) -> dropped.merge(r, n, Integer::sum));
    }

    private static FilterRule rule(
            String glob,
            double min,
            double max,
            double deadband,
            double rate,
            int burst,
            long downsample,
            Mode mode) {
        return new FilterRule(glob, min, max, deadband, rate, burst, downsample, mode);
    }

    private static Telemetry reading(long seq, long ts, String metric, double value) {
        return Telemetry.newBuilder()
                .setDeviceId("d1")
                .setSeq(seq)
                .setEventTimeMs(ts)
                .addMeasurements(Measurement.newBuilder().setMetric(metric).setValue(value))
                .build();
    }

    /** Values forwarded raw, in order, for readings of one metric one second apart. */
    private List<Double> forwarded(ReadingFilters f, String metric, double... values) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            long ts = T0 + i * 1000L;
            f.apply(reading(i + 1, ts, metric, values[i]), ts)
                    .raw()
                    .forEach(m -> out.add(m.getValue()));
        }
        return out;
    }

    @Test
    void rangeDropsPhysicallyImpossibleValues() {
        ReadingFilters f = filters(0, rule("temp*", -40, 125, OFF, 0, 0, 0, Mode.RAW));
        assertThat(forwarded(f, "temperature", 20, -41, 126, 125)).containsExactly(20.0, 125.0);
        assertThat(dropped).containsExactly(Map.entry(FilterReason.OUT_OF_RANGE, 2));
    }

    @Test
    void deadbandReportsOnlyChangesAgainstTheLastForwardedValue() {
        ReadingFilters f = filters(0, rule("*", OFF, OFF, 0.5, 0, 0, 0, Mode.RAW));
        // 20.4 and 20.8 are each < 0.5 from 20.0 / 20.4 respectively only if compared with the last
        // *forwarded* value: 20.8 - 20.0 = 0.8 passes.
        assertThat(forwarded(f, "t", 20.0, 20.4, 20.8, 20.9, 19.0))
                .containsExactly(20.0, 20.8, 19.0);
        assertThat(dropped).containsExactly(Map.entry(FilterReason.DEADBAND, 2));
    }

    @Test
    void tokenBucketLimitsEachDeviceMetric() {
        ReadingFilters f = filters(0, rule("*", OFF, OFF, OFF, 1, 2, 0, Mode.RAW));
        int passed = 0;
        for (int i = 0; i < 10; i++) {
            // ten readings within 100 ms of gateway time: the burst of 2 passes, the rest do not
            passed += f.apply(reading(i, T0 + i, "t", i), T0 + i * 10L).raw().size();
        }
        assertThat(passed).isEqualTo(2);
        assertThat(dropped).containsExactly(Map.entry(FilterReason.RATE_LIMITED, 8));
        // a second later one token has been refilled
        assertThat(f.apply(reading(99, T0 + 99, "t", 1), T0 + 1100).raw()).hasSize(1);
    }

    @Test
    void duplicatesOfSeqAndEventTimeAreSuppressedWithinTheWindow() {
        ReadingFilters f = filters(2);
        assertThat(f.apply(reading(1, T0, "t", 1), T0).raw()).hasSize(1);
        assertThat(f.apply(reading(1, T0, "t", 1), T0).raw()).isEmpty();
        // same seq after a reboot (different event time) is not a duplicate
        assertThat(f.apply(reading(1, T0 + 5000, "t", 1), T0).raw()).hasSize(1);
        assertThat(f.apply(reading(2, T0 + 6000, "t", 1), T0).raw()).hasSize(1);
        // the window holds two sightings: (1, T0) has been forgotten
        assertThat(f.apply(reading(1, T0, "t", 1), T0).raw()).hasSize(1);
        assertThat(dropped).containsExactly(Map.entry(FilterReason.DUPLICATE, 1));
    }

    @Test
    void downsamplingKeepsOneReadingPerInterval() {
        ReadingFilters f = filters(0, rule("*", OFF, OFF, OFF, 0, 0, 2500, Mode.RAW));
        // readings every second: kept at 0 s, 3 s, 6 s
        assertThat(forwarded(f, "t", 0, 1, 2, 3, 4, 5, 6)).containsExactly(0.0, 3.0, 6.0);
        assertThat(dropped).containsExactly(Map.entry(FilterReason.DOWNSAMPLED, 4));
    }

    @Test
    void modeSplitsRawAndAggregateAndFirstMatchingRuleWins() {
        ReadingFilters f =
                filters(
                        0,
                        rule("vib_*", OFF, OFF, OFF, 0, 0, 0, Mode.AGGREGATE),
                        rule("*", OFF, OFF, OFF, 0, 0, 0, Mode.BOTH),
                        rule("vib_x", 0, 0, OFF, 0, 0, 0, Mode.RAW));
        Telemetry t =
                reading(1, T0, "vib_x", 5).toBuilder()
                        .addMeasurements(Measurement.newBuilder().setMetric("t").setValue(1))
                        .build();
        ReadingFilters.Outcome o = f.apply(t, T0);
        assertThat(o.raw()).extracting(Measurement::getMetric).containsExactly("t");
        assertThat(o.aggregate()).extracting(Measurement::getMetric).containsExactly("vib_x", "t");
        assertThat(dropped).isEmpty();
    }

    @Test
    void metricsWithoutARulePassUnfiltered() {
        ReadingFilters f = filters(0, rule("temp*", 0, 1, 0.5, 1, 1, 1000, Mode.AGGREGATE));
        assertThat(forwarded(f, "humidity", 50, 50, 500)).containsExactly(50.0, 50.0, 500.0);
    }
}
