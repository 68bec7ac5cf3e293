package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.WindowChoice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code carbonbench window}: when and where to run a deferrable job of a model so that it emits least,
 * before a deadline. Register it as a subcommand of the main CLI.
 */
@Command(name = "window", mixinStandardHelpOptions = true,
        description = "Find the cleanest start time and region for a deferrable job that must finish by a deadline.")
public final class WindowCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model id or alias, e.g. llama-3.1-70b.")
    String model;

    @Option(names = "--duration", required = true, description = "Job duration: 2h, 90m, 1h30m or ISO-8601 (PT2H).")
    String duration;

    @Option(names = "--deadline", required = true,
            description = "When the job must be finished, ISO-8601 with offset, e.g. 2026-12-01T06:00Z.")
    String deadline;

    @Option(names = "--eu-only", description = "Only regions in EU member states.")
    boolean euOnly;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--catalog", description = "Catalog file to use instead of the embedded one.")
    Path catalog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Duration job;
        Instant by;
        try {
            job = parseDuration(duration);
            by = parseInstant(deadline);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (CarbonBench cb = CarbonBench.builder()
                .catalog(catalog != null ? Catalog.load(catalog) : Catalog.embedded()).build()) {
            List<OfferingKey> candidates = cb.catalog().offeringsOf(model).stream()
                    .filter(o -> !euOnly || o.executionRegions().stream().allMatch(r -> r.inEu()))
                    .map(Offering::key).toList();
            if (candidates.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "No offering of " + model + (euOnly ? " in the EU" : "") + " in the catalog");
            }
            WindowChoice w;
            try {
                w = CarbonRouter.bestWindow(cb, candidates, job, by);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            out.println(json ? toJson(w) : toText(w));
        }
        return 0;
    }

    private static String toText(WindowChoice w) {
        WindowChoice.Window b = w.best();
        WindowChoice.Window n = w.startingNow();
        return String.format(Locale.ROOT, "Start %s on %s (until %s): %.1f g/Mtok, grid %.0f g/kWh (%s).%n"
                + "Starting now on %s: %.1f g/Mtok. Waiting saves %.0f%%.", b.start(), b.endpoint(), b.end(),
                b.meanGramsPerMillionTokens(), b.meanIntensityGramsPerKwh(), b.provenance(), n.endpoint(),
                n.meanGramsPerMillionTokens(), w.savedFraction() * 100);
    }

    private static String toJson(WindowChoice w) {
        return String.format(Locale.ROOT, "{\"best\":%s,\"startingNow\":%s,\"savedFraction\":%.4f}",
                window(w.best()), window(w.startingNow()), w.savedFraction());
    }

    private static String window(WindowChoice.Window x) {
        return String.format(Locale.ROOT, "{\"endpoint\":\"%s\",\"start\":\"%s\",\"end\":\"%s\","
                + "\"meanGramsPerMillionTokens\":%.4f,\"meanIntensityGramsPerKwh\":%.2f,\"provenance\":\"%s\"}",
                x.endpoint(), x.start(), x.end(), x.meanGramsPerMillionTokens(), x.meanIntensityGramsPerKwh(),
                x.provenance());
    }

    private static final Pattern HUMAN = Pattern.compile("(?i)^(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?$");

    /** {@code 2h}, {@code 90m}, {@code 1h30m}, {@code 1d} or ISO-8601 {@code PT2H}. */
    static Duration parseDuration(String s) {
        String t = s.trim();
        Matcher m = HUMAN.matcher(t);
        if (!t.isEmpty() && m.matches()) {
            Duration d = Duration.ZERO;
            if (m.group(1) != null) {
                d = d.plusDays(Long.parseLong(m.group(1)));
            }
            if (m.group(2) != null) {
                d = d.plusHours(Long.parseLong(m.group(2)));
            }
            if (m.group(3) != null) {
                d = d.plusMinutes(Long.parseLong(m.group(3)));
            }
            return d;
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--duration: expected 2h, 90m, 1h30m or PT2H, was '" + s + "'");
        }
    }

    /** ISO-8601 with an offset; seconds optional ({@code 2026-12-01T06:00Z}). */
    static Instant parseInstant(String s) {
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--deadline: expected ISO-8601 like 2026-12-01T06:00Z, was '" + s + "'");
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new WindowCommand()).execute(args));
    }
}
