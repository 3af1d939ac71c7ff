package io.fieldline.analytics.eval;

import java.io.PrintStream;

/**
 * Entry point of {@code ./fieldline eval}: {@code nab ...} scores a detector on NAB data, {@code
 * cmapss ...} cross-validates the remaining-life estimator on C-MAPSS. Exit code 2 on usage errors.
 */
public final class EvalMain {
    static final String USAGE =
            """
            Usage:
              eval nab --data DIR --labels FILE (--detector NAME[:k=v,...] | --results DIR)
                       [--out DIR] [--output alerts|scores] [--threshold T]
                  Replays every labelled NAB file through the detector (or scores existing NAB
                  result files), writes NAB result files under --out and prints the per-file table
                  and the standard / reward_low_FP_rate / reward_low_FN_rate normalised scores.
                  --output alerts (default) scores the debounced 0/1 alerts at threshold 1;
                  --output scores uses NAB's threshold sweep on the raw scores.
              eval cmapss --train FILE [--folds 5] [--window 20]
                  Cross-validates the remaining-life estimator over engines (--window: readings
                  in its trend window): RMSE (RUL capped at 125) and the PHM08 score.
            """;

    private EvalMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
                (args.length == 0 ? err : out).print(USAGE);
                return args.length == 0 ? 2 : 0;
            }
            for (String s : args) {
                if (s.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                }
            }
            switch (args[0]) {
                case "nab" -> NabCommand.run(new Args(args, 1, NabCommand.FLAGS), out);
                case "cmapss" -> CmapssCommand.run(new Args(args, 1, CmapssCommand.FLAGS), out);
                default ->
                        throw new Args.UsageException(
                                "unknown command '" + args[0] + "' (want nab or cmapss)");
            }
            return 0;
        } catch (Args.UsageException e) {
            err.println("eval: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("eval: " + e.getMessage());
            return 1;
        }
    }
}
