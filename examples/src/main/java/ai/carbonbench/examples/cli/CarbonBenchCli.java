package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.UnknownIdException;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.EmissionFactor;
import java.io.PrintWriter;
import ai.carbonbench.core.grid.ElectricityMapsSource;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.GridSources;
import ai.carbonbench.core.grid.SnapshotSource;
import ai.carbonbench.core.score.Boundary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Function;
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
                RecommendCommand.class, ScoreCommand.class, CurveCommand.class, WindowCommand.class, RefreshCommand.class,
                ServeCommand.class,
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

    @Option(names = "--boundary", paramLabel = "BOUNDARY", converter = BoundaryConverter.class,
            description = "What the figures count: gpu (accelerator x PUE, as in 0.1), server (default: plus host, "
                    + "idle capacity) or lifecycle (plus embodied hardware).")
    Boundary boundary = Boundary.SERVER;

    /** Parses gpu, server or lifecycle, case-insensitively. */
    static final class BoundaryConverter implements CommandLine.ITypeConverter<Boundary> {
        @Override
        public Boundary convert(String value) {
            try {
                return Boundary.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Option(names = "--live", negatable = true, description = "Use live grid data: UK Carbon Intensity for GB "
            + "(no key), Electricity Maps when ELECTRICITYMAPS_API_KEY is set; the embedded profiles fill the rest. "
            + "On by default when ELECTRICITYMAPS_API_KEY is set; --no-live forces the embedded data.")
    Boolean live;

    @Option(names = "--snapshot", paramLabel = "FILE_OR_URL",
            description = "Read grid data from a snapshot written by 'carbonbench refresh' (after live sources, if any).")
    String snapshot;

    @Option(names = "--wait", paramLabel = "DURATION", description = "How long to wait for live or snapshot data "
            + "before answering from what is known (default 10s; e.g. 3s, 1m).")
    String waitFor = "10s";

    private final Clock clock;

    private final Function<String, String> env;

    /** For tests: a fixed clock and an empty environment, so nothing reaches the network. */
    CarbonBenchCli(Clock clock) {
        this(clock, name -> null);
    }

    CarbonBenchCli(Clock clock, Function<String, String> env) {
        this.clock = clock;
        this.env = env;
    }

    public CarbonBenchCli() {
        this(Clock.systemUTC(), System::getenv);
    }

    /** Live data when asked for, or by default when an Electricity Maps key is in the environment. */
    boolean liveWanted() {
        if (live != null) {
            return live;
        }
        String key = env.apply(ElectricityMapsSource.API_KEY_ENV);
        return key != null && !key.isBlank();
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
        EmissionFactor factor = direct ? EmissionFactor.DIRECT : EmissionFactor.LIFECYCLE;
        CarbonBench.Builder builder = CarbonBench.builder().catalog(catalog).clock(clock).emissionFactor(factor)
                .boundary(boundary);
        gridSource(catalog, factor).ifPresent(source -> builder.gridSource(source).awaitLiveData(waitDuration()));
        return builder.build();
    }

    /** The live and snapshot sources the options ask for, chained in that order; empty for none. */
    Optional<GridIntensitySource> gridSource(Catalog catalog, EmissionFactor factor) {
        List<GridIntensitySource> sources = new ArrayList<>();
        if (liveWanted()) {
            sources.add(GridSources.fromEnvironment(catalog, factor));
        }
        if (snapshot != null) {
            sources.add(SnapshotSource.builder(snapshot).clock(clock).build());
        }
        return switch (sources.size()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(sources.get(0));
            default -> Optional.of(GridSources.chain(sources.toArray(GridIntensitySource[]::new)));
        };
    }

    Duration waitDuration() {
        return Subcommand.duration("--wait", waitFor);
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
