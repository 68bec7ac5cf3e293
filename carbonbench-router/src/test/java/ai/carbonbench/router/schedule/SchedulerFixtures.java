package ai.carbonbench.router.schedule;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.Provenance;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The router tests' fixture catalog with a forecast tests can change. {@code test-model} on alpha: g/Mtok =
 * 0.4 × intensity. Typical profiles: DE (eu-central) 300 g/kWh except 100 at 10–13 UTC and 200 at 14 UTC;
 * PL (eu-east) 500 except 250 at 02–04 UTC.
 */
final class SchedulerFixtures {

    static final Instant MIDNIGHT = Instant.parse("2026-12-01T00:00:00Z");
    static final OfferingKey EU_CENTRAL = OfferingKey.of("alpha", "eu-central", "test-model");
    static final OfferingKey EU_EAST = OfferingKey.of("alpha", "eu-east", "test-model");

    private SchedulerFixtures() {
    }

    static Catalog catalog() {
        try {
            return Catalog.load(Path.of(SchedulerFixtures.class.getResource("/ai/carbonbench/router/catalog-fixture.json")
                    .toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CarbonBench carbonBench(Clock clock, Forecasts forecasts) {
        return CarbonBench.builder().catalog(catalog()).clock(clock).gridSource(forecasts).build();
    }

    /** A grid source with only a forecast, which a test sets per zone: hour offset from midnight → g/kWh. */
    static final class Forecasts implements GridIntensitySource {
        private final Map<String, List<GridIntensity>> byZone = new ConcurrentHashMap<>();

        /** Sets the zone's forecast for 48 hours from midnight: {@code base}, except the given hours. */
        void set(String zone, double base, Map<Integer, Double> hours) {
            List<GridIntensity> out = new ArrayList<>();
            for (int h = 0; h < 48; h++) {
                out.add(new GridIntensity(zone, hours.getOrDefault(h, base), MIDNIGHT.plus(Duration.ofHours(h)), name(),
                        true, Provenance.FORECAST));
            }
            byZone.put(zone, List.copyOf(out));
        }

        void clear() {
            byZone.clear();
        }

        @Override
        public String name() {
            return "test-forecast";
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
            return byZone.getOrDefault(zone, List.of());
        }
    }

    /** A clock tests move by hand; thread-safe. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        void set(Instant t) {
            millis.set(t.toEpochMilli());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
