package io.fieldline.simulator.config;

import io.fieldline.simulator.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Parses {@code --flag value} command lines against a fixed set of flags, naming any bad one. */
public final class Flags {
    private final Map<String, String> values = new LinkedHashMap<>();

    public Flags(String[] args, Set<String> allowed) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!allowed.contains(flag)) {
                throw new IllegalArgumentException(
                        "unknown option " + flag + "; known: " + String.join(" ", allowed));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            values.put(flag, args[++i]);
        }
    }

    public boolean has(String flag) {
        return values.containsKey(flag);
    }

    public String string(String flag, String dflt) {
        return values.getOrDefault(flag, dflt);
    }

    public int integer(String flag, int dflt) {
        return parse(flag, dflt, Integer::valueOf, "an integer");
    }

    public long longValue(String flag, long dflt) {
        return parse(flag, dflt, Long::valueOf, "an integer");
    }

    public double number(String flag, double dflt) {
        return parse(flag, dflt, Double::valueOf, "a number");
    }

    public boolean bool(String flag, boolean dflt) {
        return parse(flag, dflt, Flags::strictBoolean, "true or false");
    }

    private static Boolean strictBoolean(String s) {
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(s);
        };
    }

    public Duration duration(String flag, Duration dflt) {
        return parse(flag, dflt, Durations::parse, "a duration (500ms, 60s, 5m, 1h)");
    }

    public <T> List<T> list(String flag, List<T> dflt, Function<String, T> item) {
        if (!values.containsKey(flag)) {
            return dflt;
        }
        try {
            return Arrays.stream(values.get(flag).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(item)
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }

    private <T> T parse(String flag, T dflt, Function<String, T> f, String what) {
        String v = values.get(flag);
        if (v == null) {
            return dflt;
        }
        try {
            return f.apply(v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " must be " + what + ", got '" + v + "'");
        }
    }
}
