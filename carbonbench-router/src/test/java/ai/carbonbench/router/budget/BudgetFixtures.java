package ai.carbonbench.router.budget;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.Fixtures;
import java.time.Clock;
import java.time.Instant;

/**
 * The router tests' fixture catalog ({@link Fixtures}), seen from this package. {@code test-model}: 0.2 Wh/1k
 * input, 1.0 Wh/1k output; {@code other-model} twice that. Zones: SE 40 g/kWh, US-A 400, DE 300 (100 at 10–13 UTC), alpha PUE 1.
 * So test-model on alpha/eu-north emits 8 g per million input and 40 g per million output tokens.
 */
final class BudgetFixtures {

    static final Instant MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z");
    static final OfferingKey EU_NORTH = OfferingKey.of("alpha", "eu-north", "test-model");
    static final OfferingKey US_EAST = OfferingKey.of("alpha", "us-east", "test-model");
    static final OfferingKey OTHER_EU_NORTH = OfferingKey.of("alpha", "eu-north", "other-model");

    private BudgetFixtures() {
    }

    static CarbonBench carbonBench(Clock clock) {
        return Fixtures.carbonBench(clock);
    }

    /** Micrograms for test-model on eu-north (SE 40 g/kWh), computed by hand: 8 µg per input, 40 per output token. */
    static long euNorthMicrograms(long in, long out) {
        return in * 8 + out * 40;
    }
}
