package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.EmissionFactor;
import ai.carbonbench.core.catalog.Zone;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.SnapshotSource;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code carbonbench refresh --out FILE}: fetch every catalog zone's current value, history and forecast
 * from the live sources once and write them to one snapshot file, so that a fleet reads the file
 * ({@code --snapshot FILE_OR_URL}) instead of every JVM calling the APIs.
 */
@Command(name = "refresh", description = {"Write every catalog zone's live value, history and forecast to a snapshot file.",
        "Exits 1, leaving the file as it was, when no zone has a live value."})
final class RefreshCommand extends Subcommand {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The snapshot file to write (replaced atomically).")
    Path out;

    @Override
    void run() {
        Catalog catalog = parent.catalog();
        EmissionFactor factor = parent.factor();
        List<String> zones = catalog.zones().stream().map(Zone::key).toList();
        if (!parent.gridRequested()) {
            parent.live = Boolean.TRUE; // refresh exists to fetch live data
        }
        try (GridIntensitySource live = parent.gridSource(catalog, factor).orElseThrow()) {
            parent.awaitGrid(live, zones);
            long known = zones.stream().filter(z -> live.current(z).isPresent()).count();
            if (known == 0) {
                spec.commandLine().getErr().println("error: no zone has a live value within " + parent.waitFor
                        + "; " + out + " left unchanged");
                spec.commandLine().getErr().flush();
                exitCode = 1;
                return;
            }
            SnapshotSource.write(live, zones, out);
            out().println("Wrote " + out + ": " + known + " of " + zones.size() + " zones with a live value"
                    + (known < zones.size() ? " (the rest fall back to the embedded profiles when read)" : "") + ".");
            out().flush();
        }
    }
}
