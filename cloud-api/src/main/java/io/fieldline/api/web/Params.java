package io.fieldline.api.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses query parameters, failing with a {@link BadParameterException} that names the parameter.
 */
final class Params {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private Params() {}

    /** Epoch milliseconds or an ISO-8601 instant ({@code 2026-01-01T00:00:00Z}); null if absent. */
    static Long time(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException notANumber) {
            try {
                return Instant.parse(raw).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new BadParameterException(
                        name,
                        name
                                + " must be epoch milliseconds or an ISO-8601 instant, was '"
                                + raw
                                + "'");
            }
        }
    }

    static int limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameterException(
                "limit", "limit must be an integer from 1 to " + MAX_LIMIT + ", was '" + raw + "'");
    }

    /** One constant of a protobuf enum, case-insensitive, never the UNSPECIFIED zero value. */
    static <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (allowed(e) && e.name().equalsIgnoreCase(raw)) {
                return e;
            }
        }
        String choices =
                Arrays.stream(type.getEnumConstants())
                        .filter(Params::allowed)
                        .map(Enum::name)
                        .collect(Collectors.joining(", "));
        throw new BadParameterException(
                name, name + " must be one of " + choices + ", was '" + raw + "'");
    }

    /** A device or rule id: 1-128 characters of letters, digits and {@code . _ : -}. */
    static String id(String name, String raw) {
        if (raw == null || !ID.matcher(raw).matches()) {
            throw new BadParameterException(
                    name, name + " must be 1-128 letters, digits or . _ : -, was '" + raw + "'");
        }
        return raw;
    }

    static String lower(String raw) {
        return raw == null || raw.isEmpty() ? null : raw.toLowerCase(Locale.ROOT);
    }

    private static boolean allowed(Enum<?> e) {
        return !e.name().endsWith("UNSPECIFIED") && !e.name().equals("UNRECOGNIZED");
    }
}
