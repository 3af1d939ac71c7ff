package io.fieldline.analytics.eval;

import io.fieldline.analytics.rul.CmapssCrossValidation;
import io.fieldline.analytics.rul.CmapssData;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** {@code eval cmapss}: cross-validated RMSE and PHM08 score of the remaining-life estimator. */
final class CmapssCommand {
    static final Set<String> FLAGS = Set.of("--train", "--folds", "--window");

    private CmapssCommand() {}

    static void run(Args a, PrintStream out) {
        Path train = a.existing("--train", false);
        int folds = a.intValue("--folds", 5);
        int window = a.intValue("--window", 20);
        var engines = CmapssData.read(train);
        if (folds < 2 || folds > engines.size()) {
            throw new Args.UsageException(
                    "--folds must be in [2, " + engines.size() + "], got " + folds);
        }
        if (window < 3) {
            throw new Args.UsageException("--window must be >= 3, got " + window);
        }
        CmapssCrossValidation.Result r = CmapssCrossValidation.run(engines, folds, window);
        out.printf(
                Locale.ROOT,
                "engines=%d folds=%d window=%d predictions=%d (every cycle of every held-out engine)%n",
                engines.size(),
                folds,
                window,
                r.predictions());
        for (int f = 0; f < folds; f++) {
            out.printf(Locale.ROOT, "fold %d RMSE %.2f%n", f + 1, r.foldRmse()[f]);
        }
        out.printf(
                Locale.ROOT,
                "RMSE (RUL capped at %.0f) %.2f%n",
                CmapssCrossValidation.CAP,
                r.rmse());
        out.printf(
                Locale.ROOT,
                "PHM08 score %.1f (sum over all predictions; %.3f per prediction)%n",
                r.phm08(),
                r.phm08() / r.predictions());
        out.printf(Locale.ROOT, "band coverage %.1f%% of predictions%n", 100 * r.bandCoverage());
    }
}
