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
import ai.carbonbench.core.grid.UkCarbonIntensitySource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Function;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Manifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code carbonbench} command line: catalog listings, leaderboard, recommendations, scores and
 * daily curves on the embedded data (or a catalog file), as tables or JSON.
 *
 * <p>Exit codes: 0 success, 1 other failure, 2 bad input (unknown id, invalid option).
 *
 * <p>The global options are inherited: they may come before or after the subcommand, and every
 * subcommand answers {@code --help} and {@code --version}.
 */
@Command(name = "carbonbench", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = CarbonBenchCli.Version.class,
        description = "Carbon-aware LLM inference: where (and when) does a model emit the least CO2e?",
        subcommands = {ModelsCommand.class, ProvidersCommand.class, RegionsCommand.class, LeaderboardCommand.class,
                RecommendCommand.class, ScoreCommand.class, CurveCommand.class, WindowCommand.class, RefreshCommand.class,
                ScheduleCommand.class,
                ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class CarbonBenchCli {

    /** Exit code for bad input: unknown ids, invalid options. */
    static final int BAD_INPUT = 2;

    @Option(names = "--catalog", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "Use this catalog file instead of the embedded one.")
    Path catalogFile;

    @Option(names = "--overlay", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "Merge this file over the catalog (additions and replacements).")
    List<Path> overlays = List.of();

    @Option(names = "--direct", scope = ScopeType.INHERIT, description = "Use direct (combustion) emission factors instead of life-cycle ones.")
    boolean direct;

    @Option(names = "--boundary", scope = ScopeType.INHERIT, paramLabel = "BOUNDARY", converter = BoundaryConverter.class,
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

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean verbose;

    @Option(names = "--live", scope = ScopeType.INHERIT, negatable = true, description = "Use live grid data: UK Carbon Intensity for GB "
            + "(no key), Electricity Maps when ELECTRICITYMAPS_API_KEY is set; the embedded profiles fill the rest. "
            + "On by default when ELECTRICITYMAPS_API_KEY is set; --no-live forces the embedded data.")
    Boolean live;

    @Option(names = "--snapshot", scope = ScopeType.INHERIT, paramLabel = "FILE_OR_URL",
            description = "Read grid data from a snapshot written by 'carbonbench refresh' (after live sources, if any).")
    String snapshot;

    @Option(names = "--wait", scope = ScopeType.INHERIT, paramLabel = "DURATION", description = "How long to wait for live or snapshot data "
            + "before answering from what is known (default 10s; e.g. 3s, 1m).")
    String waitFor = "10s";

    @Spec
    CommandSpec spec;

    private final Clock clock;

    private final Function<String, String> env;

    /** The HTTP clients of this run's live sources, watched so that the wait can end when all have failed. */
    private final List<WatchedHttpClient> watched = new ArrayList<>();

    private boolean summarised;

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

    /** The grid source the last {@link #bench()} was built with; {@code serve} shares it with its other boundaries. */
    private GridIntensitySource builtGridSource;

    /** The CarbonBench the subcommands query, built from the global options. */
    CarbonBench bench() {
        Catalog catalog = catalog();
        EmissionFactor factor = factor();
        CarbonBench.Builder builder = CarbonBench.builder().catalog(catalog).clock(clock).emissionFactor(factor)
                .boundary(boundary);
        gridSource(catalog, factor).ifPresent(source -> {
            builtGridSource = source;
            builder.gridSource(source);
            awaitGrid(source, catalog.zones().stream().map(z -> z.key()).toList());
        });
        return builder.build();
    }

    /** The live or snapshot source of the CarbonBench {@link #bench()} built last; empty for embedded data only. */
    Optional<GridIntensitySource> builtGridSource() {
        return Optional.ofNullable(builtGridSource);
    }

    Catalog catalog() {
        Catalog catalog = catalogFile == null ? Catalog.embedded() : Catalog.load(catalogFile);
        for (Path overlay : overlays) {
            catalog = catalog.overlay(overlay);
        }
        return catalog;
    }

    EmissionFactor factor() {
        return direct ? EmissionFactor.DIRECT : EmissionFactor.LIFECYCLE;
    }

    /** Whether this run asked for grid data beyond the embedded profiles (live sources or a snapshot). */
    boolean gridRequested() {
        return liveWanted() || snapshot != null;
    }

    /**
     * The live and snapshot sources the options ask for, chained in that order; empty for none. The live
     * ones are those of {@link GridSources#fromEnvironment}, built here so that their HTTP clients can be
     * watched and the environment read through {@link #env}.
     */
    Optional<GridIntensitySource> gridSource(Catalog catalog, EmissionFactor factor) {
        List<GridIntensitySource> sources = new ArrayList<>();
        if (liveWanted()) {
            WatchedHttpClient ukClient = watch("UK Carbon Intensity");
            UkCarbonIntensitySource.Builder uk = UkCarbonIntensitySource.builder().httpClient(ukClient);
            baseUrl(UkCarbonIntensitySource.BASE_URL_ENV).ifPresent(uk::baseUrl);
            if (factor == EmissionFactor.LIFECYCLE) {
                catalog.zones().stream().filter(z -> z.key().equals(UkCarbonIntensitySource.GB)).findFirst()
                        .map(z -> z.annual()).ifPresent(gb -> uk.lifecycleFactor(gb.lifecycleGramsPerKwh()
                                / gb.directGramsPerKwh()));
            }
            sources.add(uk.build());
            String key = env.apply(ElectricityMapsSource.API_KEY_ENV);
            if (key != null && !key.isBlank()) {
                ElectricityMapsSource.Builder em = ElectricityMapsSource.builder().apiKey(key).emissionFactor(factor)
                        .httpClient(watch("Electricity Maps"));
                baseUrl(ElectricityMapsSource.BASE_URL_ENV).ifPresent(em::baseUrl);
                sources.add(em.build());
            }
        }
        if (snapshot != null) {
            SnapshotSource.Builder snap = SnapshotSource.builder(snapshot).clock(clock);
            if (!fileSnapshot()) {
                snap.httpClient(watch("snapshot " + snapshot));
            }
            sources.add(snap.build());
        }
        return switch (sources.size()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(sources.get(0));
            default -> Optional.of(GridSources.chain(sources.toArray(GridIntensitySource[]::new)));
        };
    }

    private WatchedHttpClient watch(String name) {
        WatchedHttpClient client = WatchedHttpClient.create(name);
        watched.add(client);
        return client;
    }

    private Optional<java.net.URI> baseUrl(String variable) {
        String url = env.apply(variable);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(java.net.URI.create(url.trim()));
    }

    /**
     * Starts loading every zone and waits up to {@code --wait}, but no longer than it takes every
     * source to fail once with nothing loaded: then the answer can only come from the embedded data,
     * and waiting longer would only wait for retries. Ends with the one-line summary of what failed.
     */
    void awaitGrid(GridIntensitySource source, List<String> zones) {
        CompletableFuture<Void> loading = source.prefetch(zones);
        long deadline = System.nanoTime() + waitDuration().toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || everySourceFailed()) {
                    break;
                }
                try {
                    loading.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException e) {
                    // keep waiting
                }
            }
        } catch (ExecutionException e) {
            // the embedded data answer for every zone still missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        summariseFailures();
    }

    /** Whether {@code --snapshot} names a file rather than an http(s) URL. */
    private boolean fileSnapshot() {
        return snapshot != null && !snapshot.startsWith("http://") && !snapshot.startsWith("https://");
    }

    /** True when every watched source has failed at least once and none has answered, and a file snapshot is missing. */
    boolean everySourceFailed() {
        boolean fileSnapshot = fileSnapshot();
        if (fileSnapshot && java.nio.file.Files.isReadable(Path.of(snapshot))) {
            return false;
        }
        if (watched.isEmpty()) {
            return fileSnapshot;
        }
        // Sources that have sent nothing serve none of the catalog's zones; they cannot fail.
        List<WatchedHttpClient> asked = watched.stream().filter(w -> w.requests() > 0).toList();
        return !asked.isEmpty() && asked.stream().allMatch(w -> w.failures() > 0 && w.successes() == 0);
    }

    /** One line on stderr naming the sources that failed and why, and what answers instead; at most once per run. */
    void summariseFailures() {
        if (summarised || spec == null) {
            return;
        }
        List<String> failed = new ArrayList<>();
        for (WatchedHttpClient w : watched) {
            if (w.successes() == 0 && w.failures() > 0) {
                failed.add(w.source() + " (" + w.firstFailure().orElse("failed") + ")");
            }
        }
        boolean fileSnapshot = fileSnapshot();
        if (fileSnapshot && !java.nio.file.Files.isReadable(Path.of(snapshot))) {
            failed.add("snapshot " + snapshot + " (no such readable file)");
        }
        if (failed.isEmpty()) {
            return;
        }
        summarised = true;
        boolean all = everySourceFailed();
        PrintWriter err = spec.commandLine().getErr();
        err.println("warning: grid data unavailable from " + String.join(", ", failed) + "; "
                + (all ? "every answer uses the embedded typical profiles (provenance DEFAULT)"
                        : "their zones use the other sources or the embedded typical profiles"));
        err.flush();
    }

    Duration waitDuration() {
        return Subcommand.duration("--wait", waitFor);
    }

    /** {@code Implementation-Version} of the jar's manifest; "dev" when run from classes (an IDE, the tests). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"carbonbench " + version() + ", catalog data " + Catalog.embedded().dataVersion()};
        }

        static String version() {
            String v = CarbonBenchCli.class.getPackage().getImplementationVersion();
            if (v == null) {
                v = fromManifest();
            }
            return v == null ? "dev" : v;
        }

        /** The manifest of the jar (or directory) this class came from, when the class loader defined no package version. */
        private static String fromManifest() {
            String self = CarbonBenchCli.class.getName().replace('.', '/') + ".class";
            java.net.URL url = CarbonBenchCli.class.getClassLoader().getResource(self);
            if (url == null || !url.toString().startsWith("jar:")) {
                return null;
            }
            String jar = url.toString().substring(0, url.toString().indexOf("!/") + 2);
            try (java.io.InputStream in = new java.net.URL(jar + "META-INF/MANIFEST.MF").openStream()) {
                return new Manifest(in).getMainAttributes().getValue("Implementation-Version");
            } catch (java.io.IOException e) {
                return null;
            }
        }
    }
}
