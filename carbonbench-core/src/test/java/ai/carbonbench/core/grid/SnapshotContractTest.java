package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.EmissionFactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

final class SnapshotContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() throws Exception {
        Path file = Files.createTempFile("grid", ".json");
        file.toFile().deleteOnExit();
        GridIntensitySource from = new StaticGridIntensitySource(TestCatalog.load(), EmissionFactor.LIFECYCLE, Clock.systemUTC());
        SnapshotSource.write(from, List.of("DE", "GB"), file);
        return SnapshotSource.builder(file.toString()).executor(Runnable::run).logger(new RecordingLogger()).build();
    }
}
