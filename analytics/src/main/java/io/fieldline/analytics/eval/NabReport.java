package io.fieldline.analytics.eval;

import io.fieldline.analytics.nab.NabEvaluation;
import io.fieldline.analytics.nab.NabProfile;
import io.fieldline.analytics.nab.NabScorer;
import java.io.PrintStream;
import java.util.Locale;

/** Prints a NAB evaluation: the per-file table (standard profile) and the three profile scores. */
final class NabReport {
    private NabReport() {}

    static void print(NabEvaluation.Report r, String name, PrintStream out) {
        NabEvaluation.ProfileResult std = r.profiles().get(NabProfile.STANDARD);
        out.printf(
                Locale.ROOT,
                "%-60s %6s %4s %3s %3s %3s %9s%n",
                "file (" + name + ", standard)",
                "rows",
                "win",
                "tp",
                "fn",
                "fp",
                "raw");
        for (int i = 0; i < r.entries().size(); i++) {
            NabEvaluation.Entry e = r.entries().get(i);
            NabScorer.FileScore f = std.files().get(i);
            out.printf(
                    Locale.ROOT,
                    "%-60s %6d %4d %3d %3d %3d %9.4f%n",
                    e.path(),
                    e.layout().rows,
                    e.layout().windowCount(),
                    f.tp(),
                    f.fn(),
                    f.fp(),
                    f.raw());
        }
        out.printf(
                Locale.ROOT, "%-20s %10s %10s %10s%n", "profile", "threshold", "raw", "normalised");
        for (NabEvaluation.ProfileResult p : r.profiles().values()) {
            out.printf(
                    Locale.ROOT,
                    "%-20s %10.6f %10.4f %10.3f%n",
                    p.profile().nabName,
                    p.threshold(),
                    p.raw(),
                    p.normalised());
        }
    }
}
