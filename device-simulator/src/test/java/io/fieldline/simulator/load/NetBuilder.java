package io.fieldline.simulator.load;

import io.fieldline.simulator.config.NetworkOptions;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import java.time.Duration;
import java.util.List;

/** Test helper: {@link NetworkOptions} from the defaults with a few settings changed. */
final class NetBuilder {
    private final NetworkOptions d = NetworkOptions.defaults();
    Duration rampUp = d.rampUp();
    int connectConcurrency = d.connectConcurrency();
    double disconnectsPerHour;
    Duration reconnectDelay = Duration.ofMillis(200);
    double late;
    Duration lateBy = d.lateBy();
    Duration clockSkew = d.clockSkew();
    int mqttVersion = 3;
    PayloadFormat payload = PayloadFormat.JSON;
    NetworkOptions.Sparkplug sparkplug = d.sparkplug();

    NetworkOptions build() {
        return new NetworkOptions(
                rampUp,
                connectConcurrency,
                disconnectsPerHour,
                reconnectDelay,
                0,
                0,
                late,
                lateBy,
                clockSkew,
                mqttVersion,
                payload,
                List.of(),
                d.maxInflight(),
                sparkplug);
    }
}
