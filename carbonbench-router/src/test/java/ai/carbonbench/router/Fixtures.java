package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.testing.StubGridSource;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test catalog ({@code catalog-fixture.json}); the clock tests move is core's
 * {@link ai.carbonbench.core.testing.TestClock}. Model {@code test-model}: 0.2 Wh/1k
 * input, 1.0 Wh/1k output (range ×0.5..×2); with the default 3:1 token mix, g/Mtok = 0.4 × intensity × PUE.
 * Provider alpha PUE 1.0, beta 1.2. Zones: SE 40, FR 60, NL 50 (alt 30), GB 200, US-A 400, US-B 300 (flat);
 * DE 300 except 100 at 10–13 UTC and 200 at 14 UTC; PL 500 except 250 at 02–04 UTC. Public (with the forecast
 * source) for the tests of the {@code budget} and {@code schedule} packages.
 */
public final class Fixtures {

    static final Instant MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z");

    static final OfferingKey EU_NORTH = key("alpha", "eu-north");     // SE 40  -> 16 g/Mtok, $1.00
    static final OfferingKey EU_CENTRAL = key("alpha", "eu-central"); // DE     -> 120 / 40 / 80, $0.80
    static final OfferingKey EU_EAST = key("alpha", "eu-east");       // PL     -> 200 / 100, $0.50
    static final OfferingKey EU_WEST = key("alpha", "eu-west");       // NL 50 (30..50) -> 20 (12..20), $0.40
    static final OfferingKey US_EAST = key("alpha", "us-east");       // US-A 400 -> 160, $0.60
    static final OfferingKey US_WEST = key("alpha", "us-west");       // US-B 300 -> 120, $0.60
    static final OfferingKey FR_PAR = key("beta", "fr-par");          // FR 60 × 1.2 -> 28.8, $0.90
    static final OfferingKey UK_LON = key("beta", "uk-lon");          // GB 200 × 1.2 -> 96, $0.70

    private static final Catalog CATALOG = load();

    private Fixtures() {
    }

    static OfferingKey key(String provider, String region) {
        return OfferingKey.of(provider, region, "test-model");
    }

    private static Catalog load() {
        try {
            return Catalog.load(Path.of(Fixtures.class.getResource("catalog-fixture.json").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Catalog catalog() {
        return CATALOG;
    }

    public static CarbonBench carbonBench(Clock clock) {
        // the GPU boundary: the fixture figures are hand-computed with the accelerator x PUE formula
        return CarbonBench.builder().catalog(CATALOG).clock(clock).boundary(ai.carbonbench.core.score.Boundary.GPU).build();
    }

    /** As {@link #carbonBench(Clock)}, with {@code grid} as the grid source (e.g. {@link Forecasts}). */
    public static CarbonBench carbonBench(Clock clock, GridIntensitySource grid) {
        return CarbonBench.builder().catalog(CATALOG).clock(clock).gridSource(grid)
                .boundary(ai.carbonbench.core.score.Boundary.GPU).build();
    }

    /** A grid source with only a forecast, which a test sets per zone: hour offset from midnight → g/kWh. */
    public static final class Forecasts extends StubGridSource {
        private final Map<String, List<GridIntensity>> byZone = new ConcurrentHashMap<>();

        public Forecasts() {
            super("test-forecast");
        }

        /** Sets the zone's forecast for 48 hours from midnight: {@code base}, except the given hours. */
        public void set(String zone, double base, Map<Integer, Double> hours) {
            List<GridIntensity> out = new ArrayList<>();
            for (int h = 0; h < 48; h++) {
                out.add(new GridIntensity(zone, hours.getOrDefault(h, base), MIDNIGHT.plus(Duration.ofHours(h)), name(),
                        true, Provenance.FORECAST));
            }
            byZone.put(zone, List.copyOf(out));
        }

        public void clear() {
            byZone.clear();
        }

        @Override
        public List<GridIntensity> forecast(String zone) {
            return byZone.getOrDefault(zone, List.of());
        }
    }
}
