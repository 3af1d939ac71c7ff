package io.fieldline.simulator.config;

import io.fieldline.simulator.SimulatorConfig;
import io.fieldline.simulator.config.NetworkOptions.PayloadFormat;
import io.fieldline.simulator.model.AssetType;
import io.fieldline.simulator.model.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code ./fieldline simulate} command line, typed: the simulator configuration plus what the
 * run does around it (how long, where the ground truth and report go, how often to print progress,
 * and an optional dataset to replay instead of the fleet).
 *
 * @param replay {@code nab:FILE[,FILE..]} or {@code cmapss:FILE}; null to simulate the fleet
 */
public record SimulateOptions(
        SimulatorConfig config,
        Duration duration,
        Path truthFile,
        Path reportFile,
        Duration progressEvery,
        String replay,
        double speed,
        Duration cycle) {

    public static final Set<String> FLAGS =
            new LinkedHashSet<>(
                    List.of(
                            "--host",
                            "--port",
                            "--devices",
                            "--rate",
                            "--seed",
                            "--duration",
                            "--qos",
                            "--mqtt-version",
                            "--payload",
                            "--sparkplug-group",
                            "--sparkplug-aliases",
                            "--faults",
                            "--fault-fraction",
                            "--spike-every",
                            "--assets",
                            "--day-length",
                            "--prefix",
                            "--ramp-up",
                            "--connect-concurrency",
                            "--disconnects-per-hour",
                            "--reconnect-delay",
                            "--duplicates",
                            "--reorder",
                            "--late",
                            "--late-by",
                            "--clock-skew",
                            "--local-addresses",
                            "--max-inflight",
                            "--truth",
                            "--report",
                            "--progress",
                            "--replay",
                            "--speed",
                            "--cycle"));

    public static SimulateOptions parse(String[] args) {
        Flags f = new Flags(args, FLAGS);
        SimulatorConfig d = SimulatorConfig.defaults("localhost", 1883);
        Duration duration = f.duration("--duration", Duration.ofSeconds(60));
        FleetOptions fleet =
                new FleetOptions(
                        f.list("--assets", List.of(), s -> named(AssetType.class, s)),
                        f.duration("--day-length", Duration.ofDays(1)),
                        f.list("--faults", List.of(), SimulateOptions::kinds).stream()
                                .flatMap(List::stream)
                                .distinct()
                                .toList(),
                        f.number("--fault-fraction", 0.2),
                        duration);
        NetworkOptions n = NetworkOptions.defaults();
        NetworkOptions net =
                new NetworkOptions(
                        f.duration("--ramp-up", n.rampUp()),
                        f.integer("--connect-concurrency", n.connectConcurrency()),
                        f.number("--disconnects-per-hour", n.disconnectsPerHour()),
                        f.duration("--reconnect-delay", n.reconnectDelay()),
                        f.number("--duplicates", 0),
                        f.number("--reorder", 0),
                        f.number("--late", 0),
                        f.duration("--late-by", n.lateBy()),
                        f.duration("--clock-skew", n.clockSkew()),
                        f.integer("--mqtt-version", 3),
                        named(PayloadFormat.class, f.string("--payload", "json")),
                        f.list("--local-addresses", List.of(), s -> s),
                        f.integer("--max-inflight", n.maxInflight()),
                        new NetworkOptions.Sparkplug(
                                f.string("--sparkplug-group", n.sparkplug().group()),
                                f.bool("--sparkplug-aliases", n.sparkplug().aliases())));
        SimulatorConfig config =
                new SimulatorConfig(
                        f.string("--host", d.mqttHost()),
                        f.integer("--port", d.mqttPort()),
                        f.integer("--devices", d.devices()),
                        f.number("--rate", d.ratePerSecond()),
                        f.longValue("--seed", d.seed()),
                        f.integer("--qos", d.qos()),
                        f.duration("--spike-every", d.spikeEvery()),
                        f.string("--prefix", d.devicePrefix()),
                        fleet,
                        net);
        return new SimulateOptions(
                config,
                duration,
                f.has("--truth") ? Path.of(f.string("--truth", "")) : null,
                f.has("--report") ? Path.of(f.string("--report", "")) : null,
                f.duration("--progress", Duration.ofSeconds(5)),
                f.string("--replay", null),
                f.number("--speed", 1),
                f.duration("--cycle", Duration.ofSeconds(1)));
    }

    private static List<FaultKind> kinds(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "all" -> Arrays.asList(FaultKind.values());
            case "none" -> List.of();
            default -> List.of(FaultKind.parse(s));
        };
    }

    private static <E extends Enum<E>> E named(Class<E> type, String s) {
        try {
            return Enum.valueOf(type, upper(s));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'"
                            + s
                            + "' is not one of "
                            + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static String upper(String s) {
        return s.trim().toUpperCase(Locale.ROOT);
    }
}
