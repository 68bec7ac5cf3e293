package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.WindowChoice;
import ai.carbonbench.examples.json.JsonViews;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
        Instant by = parseInstant(deadline);
        CarbonBench cb = bench();
        List<OfferingKey> candidates = cb.catalog().offeringsOf(model).stream()
                .filter(o -> !euOnly || o.executionRegions().stream().allMatch(r -> r.inEu()))
                .map(Offering::key).toList();
        if (candidates.isEmpty()) {
            throw new CarbonBenchException("No offering of " + cb.catalog().model(model).id()
                    + (euOnly ? " runs only in the EU" : " in the catalog"), false);
        }
        WindowChoice w = CarbonRouter.bestWindow(cb, candidates, job, by);
        noteData(List.of(w.best().provenance()));
        if (json) {
            ObjectNode n = Output.JSON.createObjectNode();
            n.set("best", window(w.best()));
            n.set("startingNow", window(w.startingNow()));
            n.put("savedFraction", JsonViews.round(w.savedFraction()));
            Output.printJson(out(), n);
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

    private static ObjectNode window(WindowChoice.Window x) {
        ObjectNode n = Output.JSON.createObjectNode();
        n.put("endpoint", x.endpoint().toString());
        n.put("provider", x.endpoint().provider());
        n.put("region", x.endpoint().region());
        n.put("model", x.endpoint().model());
        n.put("start", x.start().toString());
        n.put("end", x.end().toString());
        n.put("meanGramsPerMillionTokens", JsonViews.round(x.meanGramsPerMillionTokens()));
        n.put("meanIntensityGramsPerKwh", JsonViews.round(x.meanIntensityGramsPerKwh()));
        n.put("provenance", x.provenance().name());
        return n;
    }

    /** ISO-8601 with an offset; seconds optional ({@code 2026-12-01T06:00Z}). */
    static Instant parseInstant(String s) {
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--deadline: expected ISO-8601 like 2026-12-01T06:00Z, was '" + s + "'");
        }
    }
}
