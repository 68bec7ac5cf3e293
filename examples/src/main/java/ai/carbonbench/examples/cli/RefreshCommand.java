package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.catalog.Zone;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.GridSources;
import ai.carbonbench.core.grid.SnapshotSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carbonbench refresh --out FILE}: fetch every catalog zone's current value, history and forecast
 * from the live sources once and write them to one snapshot file, so that a fleet reads the file
 * ({@code --snapshot FILE_OR_URL}) instead of every JVM calling the APIs.
 */
@Command(name = "refresh", description = "Write every catalog zone's live value, history and forecast to a snapshot file.")
final class RefreshCommand extends Subcommand {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The snapshot file to write (replaced atomically).")
    Path out;

    @Override
    void run() {
        Catalog catalog = bench().catalog();
        EmissionFactor factor = bench().emissionFactor();
        List<String> zones = catalog.zones().stream().map(Zone::key).toList();
        Duration wait = parent.waitDuration();
        try (GridIntensitySource live = parent.gridSource(catalog, factor)
                .orElseGet(() -> GridSources.fromEnvironment(catalog, factor))) {
            try {
                live.prefetch(zones).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                spec.commandLine().getErr().println("warning: not every zone answered within " + parent.waitFor
                        + "; writing what is known");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("fetching failed: " + e.getCause(), e);
            }
            long known = zones.stream().filter(z -> live.current(z).isPresent()).count();
            SnapshotSource.write(live, zones, out);
            out().println("Wrote " + out + ": " + known + " of " + zones.size() + " zones with a live value"
                    + (known < zones.size() ? " (the rest fall back to the embedded profiles when read)" : "") + ".");
            out().flush();
        }
    }
}
