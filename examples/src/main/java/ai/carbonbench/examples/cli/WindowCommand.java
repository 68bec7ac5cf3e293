package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.WindowChoice;
import ai.carbonbench.core.json.JsonViews;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code carbonbench window}: when and where to run a deferrable job of a model so that it emits least,
 * before a deadline: the forecast where a live source has one, the typical profile otherwise.
 */
@Command(name = "window",
        description = "Find the cleanest start time and region for a deferrable job that must finish by a deadline.")
final class WindowCommand extends Subcommand {

    @Mixin
    JobOptions jobOptions;

    @Override
    void run() {
        Duration job = jobOptions.jobDuration();
        Instant by = jobOptions.deadlineInstant();
        CarbonBench cb = bench();
        List<OfferingKey> candidates = jobOptions.candidates(cb);
        WindowChoice w = cb.bestWindow(candidates, job, by);
        noteData(List.of(w.best().provenance()));
        if (json) {
            Output.printJson(out(), JsonViews.windowChoice(w));
        } else {
            WindowChoice.Window b = w.best();
            WindowChoice.Window now = w.startingNow();
            PrintWriter out = out();
            out.println(String.format(Locale.ROOT, "Start %s on %s (until %s): %s gCO2e/Mtok, grid %s g/kWh (%s).",
                    b.start(), b.endpoint(), b.end(), Output.num(b.meanGramsPerMillionTokens()),
                    Output.num(b.meanIntensityGramsPerKwh()), b.provenance()));
            out.println(String.format(Locale.ROOT, "Starting now on %s: %s gCO2e/Mtok. Waiting saves %.0f%%.",
                    now.endpoint(), Output.num(now.meanGramsPerMillionTokens()), w.savedFraction() * 100));
            out.flush();
        }
    }
}
