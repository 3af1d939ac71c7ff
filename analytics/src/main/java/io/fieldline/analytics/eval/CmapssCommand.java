package io.fieldline.analytics.eval;

import java.io.PrintStream;
import java.util.Set;

final class CmapssCommand {
    static final Set<String> FLAGS = Set.of("--train", "--folds");

    private CmapssCommand() {}

    static void run(Args a, PrintStream out) {
        throw new Args.UsageException("cmapss: not yet");
    }
}
