package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import java.io.PrintWriter;
import java.time.Instant;
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

    CarbonBench bench() {
        return parent.bench();
    }

    /** Parses {@code 2026-12-01T06:00Z} or {@code 2026-12-01T06:00:00Z}; a clear error otherwise. */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a UTC time: '" + text + "' (expected e.g. 2026-12-01T06:00Z)");
        }
    }

    @Override
    public final Integer call() {
        run();
        return 0;
    }

    abstract void run();
}
