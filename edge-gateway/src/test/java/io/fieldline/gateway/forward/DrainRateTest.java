package io.fieldline.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sliding 5 s rate behind the {@code drain.rate} gauge, on a driven clock. */
class DrainRateTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void ratesOverTheLastFiveSecondsAndForgetsOlderEvents() {
        AtomicLong now = new AtomicLong(T0);
        DrainRate rate = new DrainRate(now::get, 5_000);
        for (int ms = 0; ms < 10_000; ms += 10) {
            now.set(T0 + ms);
            rate.record(ms < 5_000 ? 10 : 30); // 1,000/s, then 3,000/s
        }
        assertThat(rate.perSecond()).isCloseTo(3_000, within(100.0));
        now.set(T0 + 20_000);
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void aYoungMeterDividesByItsAgeNotTheWholeWindow() {
        AtomicLong now = new AtomicLong(T0);
        DrainRate rate = new DrainRate(now::get, 5_000);
        for (int ms = 0; ms < 1_000; ms += 10) {
            now.set(T0 + ms);
            rate.record(5); // 500/s for 1 s
        }
        assertThat(rate.perSecond()).isCloseTo(500, within(25.0));
    }
}
