package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.grid.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the parent's options, {@code --json}, and the output writer. */
abstract class Subcommand implements Callable<Integer> {

    @ParentCommand
    CarbonBenchCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private CarbonBench bench;

    /** The CarbonBench of this run, built once from the global options and closed when the command ends. */
    CarbonBench bench() {
        if (bench == null) {
            bench = parent.bench();
        }
        return bench;
    }

    /** Parses {@code 2026-12-01T06:00Z} or {@code 2026-12-01T06:00:00Z}; a clear error otherwise. */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a UTC time: '" + text + "' (expected e.g. 2026-12-01T06:00Z)");
        }
    }

    private static final Pattern HUMAN = Pattern.compile("(?i)^(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$");

    /** {@code 2h}, {@code 90m}, {@code 1h30m}, {@code 10s}, {@code 1d} or ISO-8601 {@code PT2H}; a clear error otherwise. */
    static Duration duration(String option, String text) {
        String t = text.trim();
        Matcher m = HUMAN.matcher(t);
        if (!t.isEmpty() && m.matches()) {
            Duration d = Duration.ZERO;
            ChronoUnit[] units = {ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS};
            for (int g = 1; g <= 4; g++) {
                if (m.group(g) != null) {
                    d = d.plus(Long.parseLong(m.group(g)), units[g - 1]);
                }
            }
            return d;
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": expected e.g. 2h, 90m, 1h30m, 10s or PT2H, was '" + text + "'");
        }
    }

    /** What {@link #call()} returns once {@link #run()} ends normally; a command sets it to report a partial failure. */
    int exitCode;

    /**
     * When this run asked for live or snapshot data and some of the answer still rests on stale or default
     * (embedded typical-profile) intensities, says so in one line on stderr. Without live data asked for,
     * the embedded profiles are the expected source and nothing is said.
     */
    void noteData(java.util.Collection<Provenance> provenances) {
        noteData(provenances, "options");
    }

    /** As {@link #noteData(java.util.Collection)}, counting {@code things} (options, hours). */
    void noteData(java.util.Collection<Provenance> provenances, String things) {
        if (!parent.gridRequested() || provenances.isEmpty()) {
            return;
        }
        long stale = provenances.stream().filter(p -> p == Provenance.STALE).count();
        long fallback = provenances.stream().filter(p -> p == Provenance.DEFAULT).count();
        if (stale + fallback == 0) {
            return;
        }
        int n = provenances.size();
        List<String> parts = new ArrayList<>();
        if (fallback > 0) {
            parts.add(fallback + " on default grid data (the embedded typical profiles; no live value)");
        }
        if (stale > 0) {
            parts.add(stale + " on stale live data");
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("note: of the " + n + " " + things + " in this answer, " + String.join(" and ", parts) + ".");
        err.flush();
    }

    @Override
    public final Integer call() {
        try {
            run();
            return exitCode;
        } finally {
            if (bench != null) {
                bench.close();
                bench = null;
            }
        }
    }

    abstract void run();
}
