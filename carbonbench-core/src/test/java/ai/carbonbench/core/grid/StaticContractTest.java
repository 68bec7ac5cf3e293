package ai.carbonbench.core.grid;

import ai.carbonbench.core.catalog.EmissionFactor;
import java.time.Clock;

final class StaticContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() {
        return new StaticGridIntensitySource(TestCatalog.load(), EmissionFactor.LIFECYCLE, Clock.systemUTC());
    }
}
