package io.fieldline.local;

import java.time.Duration;

/** Command-line options of {@code ./fieldline demo}. */
record DemoOptions(
        int devices,
        double rate,
        Duration duration,
        long seed,
        double threshold,
        int apiPort,
        Duration outage) {

    static final String USAGE =
            "usage: ./fieldline demo [--devices N] [--rate MSGS_PER_S] [--duration 60s|0]"
                    + " [--seed S] [--threshold T] [--api-port 8080] [--outage 30s]";

    DemoOptions {
        if (devices < 1 || devices > 10_000) {
            throw new IllegalArgumentException("--devices must be 1..10000, got " + devices);
        }
        if (apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("--api-port must be 0..65535, got " + apiPort);
        }
        if (outage.isNegative()) {
            throw new IllegalArgumentException("--outage must not be negative");
        }
        if (!outage.isZero()
                && !duration.isZero()
                && duration.compareTo(outage.plus(OUTAGE_LEAD).plus(OUTAGE_TAIL)) < 0) {
            throw new IllegalArgumentException(
                    "--duration "
                            + duration.toSeconds()
                            + "s is too short for --outage "
                            + outage.toSeconds()
                            + "s: give it at least "
                            + outage.plus(OUTAGE_LEAD).plus(OUTAGE_TAIL).toSeconds()
                            + "s (the cut starts "
                            + OUTAGE_LEAD.toSeconds()
                            + " s in, and the replay needs "
                            + OUTAGE_TAIL.toSeconds()
                            + " s)");
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be > 0, got " + rate);
        }
    }

    /** When the gateway's link is cut after start, and the least run time after it comes back. */
    static final Duration OUTAGE_LEAD = Duration.ofSeconds(20);

    static final Duration OUTAGE_TAIL = Duration.ofSeconds(30);

    /** {@code duration} zero means: run until Ctrl-C; {@code outage} zero: no link cut. */
    static DemoOptions parse(String[] args) {
        int devices = 10;
        double rate = 100;
        Duration duration = Duration.ZERO;
        long seed = 42;
        double threshold = 80;
        int apiPort = 8080;
        Duration outage = Duration.ZERO;
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i];
            if (key.equals("--help") || key.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(key + " needs a value; " + USAGE);
            }
            String v = args[i + 1];
            try {
                switch (key) {
                    case "--devices" -> devices = Integer.parseInt(v);
                    case "--rate" -> rate = Double.parseDouble(v);
                    case "--duration" -> duration = parseDuration(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--threshold" -> threshold = Double.parseDouble(v);
                    case "--api-port" -> apiPort = Integer.parseInt(v);
                    case "--outage" -> outage = parseDuration(v);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option " + key + "; " + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + v + "' is not a number");
            }
        }
        return new DemoOptions(devices, rate, duration, seed, threshold, apiPort, outage);
    }

    private static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            char unit = s.charAt(s.length() - 1);
            long n =
                    Character.isDigit(unit)
                            ? Long.parseLong(s)
                            : Long.parseLong(s.substring(0, s.length() - 1));
            return switch (unit) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--duration: '"
                            + v
                            + "' is not a duration; use e.g. 60s, 5m, 0 (until Ctrl-C)");
        }
    }
}
