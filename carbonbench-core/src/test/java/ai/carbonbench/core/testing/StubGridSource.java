package ai.carbonbench.core.testing;

import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import java.util.List;
import java.util.Optional;

/**
 * A grid source for tests that knows nothing: no current value, no history, no forecast. A test's source extends
 * it and overrides only what the test feeds the facade.
 */
public abstract class StubGridSource implements GridIntensitySource {
    private final String name;

    protected StubGridSource(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<GridIntensity> current(String zone) {
        return Optional.empty();
    }

    @Override
    public List<GridIntensity> history(String zone) {
        return List.of();
    }

    @Override
    public List<GridIntensity> forecast(String zone) {
        return List.of();
    }
}
