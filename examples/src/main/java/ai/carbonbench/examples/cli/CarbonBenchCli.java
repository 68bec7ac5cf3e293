package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.UnknownIdException;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.EmissionFactor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code carbonbench} command line: catalog listings, leaderboard, recommendations, scores and
 * daily curves on the embedded data (or a catalog file), as tables or JSON.
 *
 * <p>Exit codes: 0 success, 1 other failure, 2 bad input (unknown id, invalid option).
 */
@Command(name = "carbonbench", mixinStandardHelpOptions = true, versionProvider = CarbonBenchCli.Version.class,
        description = "Carbon-aware LLM inference: where (and when) does a model emit the least CO2e?",
        subcommands = {ModelsCommand.class, ProvidersCommand.class, RegionsCommand.class, LeaderboardCommand.class,
                RecommendCommand.class, ScoreCommand.class, CurveCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class CarbonBenchCli {

    /** Exit code for bad input: unknown ids, invalid options. */
    static final int BAD_INPUT = 2;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Use this catalog file instead of the embedded one.")
    Path catalogFile;

    @Option(names = "--overlay", paramLabel = "FILE", description = "Merge this file over the catalog (additions and replacements).")
    List<Path> overlays = List.of();

    @Option(names = "--direct", description = "Use direct (combustion) emission factors instead of life-cycle ones.")
    boolean direct;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    private final Clock clock;

    CarbonBenchCli(Clock clock) {
        this.clock = clock;
    }

    public CarbonBenchCli() {
        this(Clock.systemUTC());
    }

    public static void main(String[] args) {
        System.exit(commandLine(new CarbonBenchCli()).execute(args));
    }

    /** A configured picocli command line; tests use it with their own writers. */
    static CommandLine commandLine(CarbonBenchCli cli) {
        CommandLine cmd = new CommandLine(cli);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler((ex, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof UnknownIdException || ex instanceof IllegalArgumentException) {
                err.println("error: " + ex.getMessage());
            } else if (ex instanceof CarbonBenchException) {
                err.println("error: " + ex.getMessage());
            } else {
                err.println("error: " + ex);
            }
            if (cli.verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ex instanceof UnknownIdException || ex instanceof IllegalArgumentException
                    || (ex instanceof CarbonBenchException c && !c.retriable()) ? BAD_INPUT : 1;
        });
        return cmd;
    }

    /** The CarbonBench the subcommands query, built from the global options. */
    CarbonBench bench() {
        Catalog catalog = catalogFile == null ? Catalog.embedded() : Catalog.load(catalogFile);
        for (Path overlay : overlays) {
            catalog = catalog.overlay(overlay);
        }
        return CarbonBench.builder()
                .catalog(catalog)
                .clock(clock)
                .emissionFactor(direct ? EmissionFactor.DIRECT : EmissionFactor.LIFECYCLE)
                .build();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CarbonBenchCli.class.getPackage().getImplementationVersion();
            return new String[] {"carbonbench " + (v == null ? "dev" : v) + ", catalog data "
                    + Catalog.embedded().dataVersion()};
        }
    }
}
