package ai.carbonbench.router.schedule;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.Fixtures;
import java.time.Clock;
import java.time.Instant;

/**
 * The router tests' fixture catalog ({@link Fixtures}) with a forecast tests can change. {@code test-model} on
 * alpha: g/Mtok = 0.4 × intensity. Typical profiles: DE (eu-central) 300 g/kWh except 100 at 10–13 UTC and 200 at
 * 14 UTC; PL (eu-east) 500 except 250 at 02–04 UTC.
 */
final class SchedulerFixtures {

    static final Instant MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z");
    static final OfferingKey EU_CENTRAL = OfferingKey.of("alpha", "eu-central", "test-model");
    static final OfferingKey EU_EAST = OfferingKey.of("alpha", "eu-east", "test-model");

    private SchedulerFixtures() {
    }

    static CarbonBench carbonBench(Clock clock, Fixtures.Forecasts forecasts) {
        return Fixtures.carbonBench(clock, forecasts);
    }
}
