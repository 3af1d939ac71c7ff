package io.fieldline.simulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import io.fieldline.simulator.model.FaultKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulateOptionsTest {
    @Test
    void parsesFleetNetworkAndRunFlags() {
        SimulateOptions o =
                SimulateOptions.parse(
                        new String[] {
                            "--devices", "500", "--rate", "2500", "--faults", "spike,drift",
                            "--payload", "protobuf", "--mqtt-version", "5", "--duplicates", "0.01",
                            "--duration", "5m"
                        });
        assertThat(o.config().devices()).isEqualTo(500);
        assertThat(o.config().fleet().faultKinds())
                .containsExactly(FaultKind.SPIKE, FaultKind.DRIFT);
        assertThat(o.config().fleet().duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.config().network().payload()).isEqualTo(PayloadFormat.PROTOBUF);
        assertThat(o.config().network().mqttVersion()).isEqualTo(5);
        assertThat(o.config().network().duplicateProbability()).isEqualTo(0.01);
    }

    @Test
    void parsesSparkplugFlags() {
        NetworkOptions n =
                SimulateOptions.parse(
                                new String[] {
                                    "--payload", "sparkplug",
                                    "--sparkplug-group", "plant",
                                    "--sparkplug-aliases", "false"
                                })
                        .config()
                        .network();
        assertThat(n.payload()).isEqualTo(PayloadFormat.SPARKPLUG);
        assertThat(n.sparkplug()).isEqualTo(new NetworkOptions.Sparkplug("plant", false));
        assertThat(SimulateOptions.parse(new String[0]).config().network().sparkplug())
                .isEqualTo(new NetworkOptions.Sparkplug("fieldline", true));
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> SimulateOptions.parse(new String[] {"--rate", "fast"}))
                .hasMessage("--rate must be a number, got 'fast'");
        assertThatThrownBy(() -> SimulateOptions.parse(new String[] {"--faults", "melt"}))
                .hasMessageStartingWith("--faults: unknown fault kind 'melt'");
        assertThatThrownBy(() -> SimulateOptions.parse(new String[] {"--payload", "xml"}))
                .hasMessageContaining("'xml' is not one of [json, protobuf, sparkplug]");
        assertThatThrownBy(() -> SimulateOptions.parse(new String[] {"--sparkplug-aliases", "yes"}))
                .hasMessage("--sparkplug-aliases must be true or false, got 'yes'");
        assertThatThrownBy(() -> SimulateOptions.parse(new String[] {"--sparkplug-group", "a/b"}))
                .hasMessageContaining("--sparkplug-group must be a non-empty topic level");
        assertThatThrownBy(() -> SimulateOptions.parse(new String[] {"--nope", "1"}))
                .hasMessageStartingWith("unknown option --nope");
    }
}
