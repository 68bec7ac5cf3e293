package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Constraints;
import ai.carbonbench.core.score.WindowChoice;
import ai.carbonbench.core.json.JsonViews;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carbonbench window}: when and where to run a deferrable job of a model so that it emits least,
 * before a deadline: the forecast where a live source has one, the typical profile otherwise.
 */
@Command(name = "window",
        description = "Find the cleanest start time and region for a deferrable job that must finish by a deadline.")
final class WindowCommand extends Subcommand {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model id or alias, e.g. llama-3.1-70b.")
    String model;

    @Option(names = "--duration", required = true, paramLabel = "D",
            description = "Job duration: 2h, 90m, 1h30m or ISO-8601 (PT2H).")
    String duration;

    @Option(names = "--deadline", required = true, paramLabel = "TIME",
            description = "When the job must be finished, ISO-8601 with offset, e.g. 2026-12-01T06:00Z.")
    String deadline;

    @Option(names = "--eu-only", description = "Only regions in EU member states.")
    boolean euOnly;

    @Override
    void run() {
        Duration job = duration("--duration", duration);
        Instant by = instant(deadline);
        CarbonBench cb = bench();
        List<OfferingKey> candidates = cb.catalog().offeringsOf(model).stream()
                .filter(o -> Constraints.NONE.withEuOnly(euOnly).placeViolation(o).isEmpty())
                .map(Offering::key).toList();
        if (candidates.isEmpty()) {
            throw new CarbonBenchException("No offering of " + cb.catalog().model(model).id()
                    + (euOnly ? " runs only in the EU" : " in the catalog"), false);
        }
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
