package io.fieldline.analytics.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parses {@code --flag value} command lines against a fixed set of flags, naming any bad one. */
final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    Args(String[] args, int from, Set<String> allowed) {
        for (int i = from; i < args.length; i++) {
            String flag = args[i];
            if (!allowed.contains(flag)) {
                throw new UsageException("unknown flag '" + flag + "' (allowed: " + allowed + ")");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException("flag " + flag + " needs a value");
            }
            values.put(flag, args[++i]);
        }
    }

    String get(String flag) {
        return values.get(flag);
    }

    String required(String flag) {
        String v = values.get(flag);
        if (v == null) {
            throw new UsageException("missing required flag " + flag);
        }
        return v;
    }

    Path existing(String flag, boolean directory) {
        Path p = Path.of(required(flag));
        boolean ok = directory ? Files.isDirectory(p) : Files.isRegularFile(p);
        if (!ok) {
            throw new UsageException(
                    flag + " " + p + ": no such " + (directory ? "directory" : "file"));
        }
        return p;
    }

    int intValue(String flag, int dflt) {
        String v = values.get(flag);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be an integer, got '" + v + "'");
        }
    }

    Double doubleValue(String flag) {
        String v = values.get(flag);
        try {
            return v == null ? null : Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number, got '" + v + "'");
        }
    }

    /** A command-line error: the message is shown to the user and the exit code is 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
