package io.fieldline.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fieldline.jobs.functions.RuleEngine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobArgsTest {
    @Test
    void parsesEveryKindOfOption() {
        JobConfig cfg =
                JobArgs.parse(
                        "--bootstrap", "broker:9092",
                        "--group", "g1",
                        "--checkpoint-dir", "file:///tmp/cp",
                        "--checkpoint-interval", "1s",
                        "--parallelism", "2",
                        "--threshold", "temperature=80",
                        "--threshold", "pressure=5.5,vibration=1",
                        "--out-of-orderness", "250ms",
                        "--alerts-topic", "my.alerts");

        assertThat(cfg.bootstrap()).isEqualTo("broker:9092");
        assertThat(cfg.groupId()).isEqualTo("g1");
        assertThat(cfg.checkpointDir()).isEqualTo("file:///tmp/cp");
        assertThat(cfg.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cfg.parallelism()).isEqualTo(2);
        assertThat(cfg.thresholds())
                .containsEntry("temperature", 80.0)
                .containsEntry("pressure", 5.5)
                .containsEntry("vibration", 1.0);
        assertThat(cfg.outOfOrderness()).isEqualTo(Duration.ofMillis(250));
        assertThat(cfg.alertsTopic()).isEqualTo("my.alerts");
        assertThat(cfg.telemetryTopic()).isEqualTo("fieldline.telemetry");
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        JobConfig cfg = JobArgs.parse();

        assertThat(cfg.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(cfg.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(cfg.tumblingWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(cfg.stateBackend()).isEqualTo("rocksdb");
    }

    @Test
    void detectorOptionsBecomeAValidatedStaticRule() {
        JobConfig cfg =
                JobArgs.parse(
                        "--detector",
                        "robustZ",
                        "--detector-metrics",
                        "vib*",
                        "--detector-param",
                        "warmup=10");
        assertThat(cfg.staticRules())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.detector).isEqualTo("robustZ");
                            assertThat(r.metricGlob).isEqualTo("vib*");
                            assertThat(r.params).containsEntry("warmup", 10.0);
                        });
        assertThatThrownBy(
                        () ->
                                new RuleEngine(
                                        JobArgs.parse("--detector", "crystalBall").staticRules()))
                .hasMessageContaining("crystalBall");
    }

    @Test
    void unknownOptionIsNamedInTheError() {
        assertThatThrownBy(() -> JobArgs.parse("--bootstrapp", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--bootstrapp");
    }

    @Test
    void badValueNamesTheOption() {
        assertThatThrownBy(() -> JobArgs.parse("--threshold", "temperature"))
                .hasMessageContaining("--threshold")
                .hasMessageContaining("metric=value");
        assertThatThrownBy(() -> JobArgs.parse("--checkpoint-interval", "soon"))
                .hasMessageContaining("--checkpoint-interval");
    }

    @Test
    void inconsistentSettingsFailWhenBuiltNamingTheOption() {
        assertThatThrownBy(() -> JobArgs.parse("--sliding-window", "25s"))
                .hasMessageContaining("--sliding-window")
                .hasMessageContaining("multiples of tumbling-window");
        assertThatThrownBy(() -> JobArgs.parse("--idleness", "0"))
                .hasMessageContaining("--idleness: must be positive");
        assertThatThrownBy(() -> JobArgs.parse("--bounded", "yes"))
                .hasMessageContaining("--bounded");
        assertThat(JobArgs.parse("--max-lateness", "2d", "--max-future", "0").maxLateness())
                .isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aBuiltConfigCannotBeChangedOnlyDerived() {
        JobConfig cfg = JobArgs.parse("--threshold", "temperature=80");
        assertThatThrownBy(() -> cfg.thresholds().put("pressure", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
        JobConfig derived = cfg.toBuilder().withThreshold("pressure", 5).build();
        assertThat(derived.thresholds()).containsOnlyKeys("temperature", "pressure");
        assertThat(cfg.thresholds()).containsOnlyKeys("temperature");
    }
}
