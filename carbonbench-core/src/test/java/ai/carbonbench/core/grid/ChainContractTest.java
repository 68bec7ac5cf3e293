package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.EmissionFactor;
import java.net.URI;
import java.time.Clock;

final class ChainContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() {
        return GridSources.chain(new UkCarbonIntensitySource.Builder(n -> null).baseUrl(URI.create(ContractServer.wm.baseUrl()))
                .executor(Runnable::run).logger(new RecordingLogger()).build(),
                new StaticGridIntensitySource(TestCatalog.load(), EmissionFactor.LIFECYCLE, Clock.systemUTC()));
    }
}
