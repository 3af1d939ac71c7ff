package io.fieldline.gateway.config;

import io.fieldline.gateway.config.GatewayConfig.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed look-ups over flattened configuration ({@code mqtt.port} style keys). A value comes from
 * the {@code FIELDLINE_*} environment variable for the key if set, else the file/arguments, else
 * the default. Every look-up records the key, so {@link #rejectUnknown} can name keys nobody asked
 * for, and every error names the key and the allowed values.
 */
final class ConfigValues {
    private final Map<String, Object> values;
    private final Map<String, String> env;
    private final String prefix;
    private final Set<String> known = new LinkedHashSet<>();

    ConfigValues(Map<String, Object> values, Map<String, String> env) {
        this(values, env, "");
    }

    /** Values of one nested item (e.g. {@code filters[0].}): errors name the full key. */
    ConfigValues(Map<String, Object> values, Map<String, String> env, String prefix) {
        this.values = values;
        this.env = env;
        this.prefix = prefix;
    }

    void markKnown(String... keys) {
        known.addAll(List.of(keys));
    }

    private ConfigException bad(String key, Object value, String allowed) {
        return invalid(prefix + key, value, allowed);
    }

    static String envName(String key) {
        return "FIELDLINE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private Object raw(String key) {
        known.add(key);
        String fromEnv = env.get(envName(key));
        return fromEnv != null ? fromEnv : values.get(key);
    }

    String string(String key, String dflt) {
        Object v = raw(key);
        return v == null ? dflt : v.toString().trim();
    }

    String nonBlank(String key, String dflt, String allowed) {
        String v = string(key, dflt);
        if (v.isBlank()) {
            throw bad(key, v, allowed);
        }
        return v;
    }

    long number(String key, long dflt, long min, long max) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        long n;
        try {
            n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer " + min + ".." + max);
        }
        if (n < min || n > max) {
            throw bad(key, v, "an integer " + min + ".." + max);
        }
        return n;
    }

    int integer(String key, int dflt, int min, int max) {
        return (int) number(key, dflt, min, max);
    }

    boolean bool(String key, boolean dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw bad(key, v, "true | false");
        }
        return Boolean.parseBoolean(s);
    }

    <E extends Enum<E>> E enumValue(String key, E dflt) {
        Object v = raw(key);
        if (v == null) {
            return dflt;
        }
        String s = v.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : dflt.getDeclaringClass().getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw bad(key, v, allowedNames(dflt.getDeclaringClass()));
    }

    /** A YAML list of strings, or a comma-separated string (the form environment variables use). */
    List<String> stringList(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o).trim()));
        } else {
            Arrays.stream(v.toString().split(",")).map(String::trim).forEach(out::add);
        }
        out.removeIf(String::isEmpty);
        return List.copyOf(out);
    }

    /** A raw YAML list (e.g. of maps), for sections that parse their own items. */
    List<?> list(String key) {
        known.add(key);
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw bad(key, v, "a YAML list");
        }
        return l;
    }

    /** Fails on any key that no look-up asked for: a typo must not silently become a default. */
    void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    "unknown key '"
                            + prefix
                            + unknown.iterator().next()
                            + "'; allowed keys: "
                            + known);
        }
    }

    static ConfigException invalid(String key, Object value, String allowed) {
        return new ConfigException(key + ": '" + value + "' is invalid; allowed: " + allowed);
    }

    static <E extends Enum<E>> String allowedNames(Class<E> type) {
        return String.join(
                " | ",
                Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .toList());
    }
}
