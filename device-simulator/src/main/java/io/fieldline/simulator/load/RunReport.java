package io.fieldline.simulator.load;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a run: what was asked, what was achieved, latency percentiles (microseconds, from
 * the intended send time) and the simulator's own cost, as text for people and JSON for tools.
 */
public record RunReport(
        int devices,
        double targetRate,
        double seconds,
        RunStats.Snapshot counts,
        long p50Micros,
        long p90Micros,
        long p99Micros,
        long p999Micros,
        long maxMicros,
        double cpuSeconds,
        long rssBytes) {

    public static RunReport of(
            int devices, double targetRate, double seconds, RunStats stats, double cpuSeconds) {
        Histogram h = stats.total();
        return new RunReport(
                devices,
                targetRate,
                seconds,
                stats.snapshot(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue(),
                cpuSeconds,
                ProcessUsage.rssBytes());
    }

    public double achievedRate() {
        return seconds > 0 ? counts.sent() / seconds : 0;
    }

    /** CPU time per published message, in microseconds. */
    public double cpuMicrosPerMessage() {
        return counts.sent() > 0 ? cpuSeconds * 1e6 / counts.sent() : 0;
    }

    public String text() {
        RunStats.Snapshot c = counts;
        return String.format(
                Locale.ROOT,
                "fieldline simulate: %d devices, %.1f s, target %.0f msgs/s, achieved %.1f msgs/s%n"
                        + "  sent %d, acknowledged %d, errors %d, skipped (offline) %d%n"
                        + "  duplicates %d, reordered %d, late %d, disconnects %d, reconnects %d%n"
                        + "  latency from intended send time (us): p50 %d, p90 %d, p99 %d,"
                        + " p99.9 %d, max %d%n"
                        + "  cost: %.1f us CPU per message, RSS %.0f MiB",
                devices,
                seconds,
                targetRate,
                achievedRate(),
                c.sent(),
                c.acked(),
                c.errors(),
                c.skipped(),
                c.duplicates(),
                c.reordered(),
                c.late(),
                c.disconnects(),
                c.reconnects(),
                p50Micros,
                p90Micros,
                p99Micros,
                p999Micros,
                maxMicros,
                cpuMicrosPerMessage(),
                rssBytes / 1048576.0);
    }

    public String json() {
        RunStats.Snapshot c = counts;
        return String.format(
                Locale.ROOT,
                "{\"devices\":%d,\"seconds\":%.3f,\"target_rate\":%.1f,\"achieved_rate\":%.1f,"
                        + "\"sent\":%d,\"acked\":%d,\"errors\":%d,\"skipped\":%d,"
                        + "\"duplicates\":%d,\"reordered\":%d,\"late\":%d,"
                        + "\"disconnects\":%d,\"reconnects\":%d,"
                        + "\"latency_us\":{\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,"
                        + "\"max\":%d},\"cpu_us_per_msg\":%.2f,\"rss_bytes\":%d}",
                devices,
                seconds,
                targetRate,
                achievedRate(),
                c.sent(),
                c.acked(),
                c.errors(),
                c.skipped(),
                c.duplicates(),
                c.reordered(),
                c.late(),
                c.disconnects(),
                c.reconnects(),
                p50Micros,
                p90Micros,
                p99Micros,
                p999Micros,
                maxMicros,
                cpuMicrosPerMessage(),
                rssBytes);
    }

    /** One live progress line for the interval that just ended. */
    public static String progress(
            double elapsedSeconds, RunStats.Snapshot c, double rate, Histogram interval) {
        return String.format(
                Locale.ROOT,
                "[%6.1fs] connected %d  rate %.0f/s  sent %d  acked %d  errors %d"
                        + "  p50 %.1f ms  p99 %.1f ms",
                elapsedSeconds,
                c.connected(),
                rate,
                c.sent(),
                c.acked(),
                c.errors(),
                interval.getValueAtPercentile(50) / 1000.0,
                interval.getValueAtPercentile(99) / 1000.0);
    }
}
