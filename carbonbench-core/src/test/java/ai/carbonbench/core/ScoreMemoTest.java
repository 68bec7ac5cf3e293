package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.testing.StubGridSource;
import ai.carbonbench.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The per-hour fast path of {@code score}/{@code grams}: results before and after an hour boundary and
 * a grid update. Expected grams are worked out by hand from the mini catalog: small-8b uses
 * 0.004 Wh/1k input and 0.04 Wh/1k output tokens; cloud's PUE is 1.0; central-1 is zone Z-SOLAR, whose
 * typical life-cycle profile is 150 g/kWh at 10:00 UTC and 90 g/kWh at 11:00 UTC. For 500 input and
 * 1000 output tokens the energy is (0.004 × 500 + 0.04 × 1000) / 1e6 = 42e-6 kWh.
 */
final class ScoreMemoTest {

    static final OfferingKey SOLAR = OfferingKey.of("cloud", "central-1", "small-8b");
    static final double KWH = 42e-6;

    @Test
    void grams_follow_the_typical_profile_across_an_hour_boundary() {
        TestClock clock = new TestClock(Instant.parse("2026-06-01T10:05:00Z"));
        CarbonBench cb = CarbonBench.builder().catalog(Fixtures.miniCatalog()).clock(clock)
                .boundary(ai.carbonbench.core.score.Boundary.GPU).build(); // KWH is accelerator kWh x PUE

        assertThat(cb.gramsCentral(SOLAR, 500, 1000)).isCloseTo(KWH * 150, within(1e-12));
        Score first = cb.score(SOLAR);
        clock.set(Instant.parse("2026-06-01T10:59:59.999Z"));
        assertThat(cb.score(SOLAR)).as("same hour: the memoised score").isSameAs(first);
        assertThat(cb.grams(SOLAR, 500, 1000).central()).isCloseTo(KWH * 150, within(1e-12));

        clock.set(Instant.parse("2026-06-01T11:00:00Z"));
        assertThat(cb.grams(SOLAR, 500, 1000).central()).isCloseTo(KWH * 90, within(1e-12));
        assertThat(cb.gramsCentral(SOLAR, 500, 1000)).isCloseTo(KWH * 90, within(1e-12));
        assertThat(cb.score(SOLAR).at()).isEqualTo(Instant.parse("2026-06-01T11:00:00Z"));
        assertThat(cb.score(SOLAR).intensityGramsPerKwh().central()).isEqualTo(90);

        clock.set(Instant.parse("2026-06-02T10:30:00Z"));
        assertThat(cb.gramsCentral(SOLAR, 500, 1000)).as("the same hour a day later").isCloseTo(KWH * 150, within(1e-12));
    }

    @Test
    void grams_follow_the_live_source_when_it_publishes_a_new_value() {
        TestClock clock = new TestClock(Instant.parse("2026-06-01T10:05:00Z"));
        MutableSource live = new MutableSource();
        live.publish(200, Provenance.LIVE);
        CarbonBench cb = CarbonBench.builder().catalog(Fixtures.miniCatalog()).clock(clock).gridSource(live)
                .boundary(ai.carbonbench.core.score.Boundary.GPU).build();

        assertThat(cb.grams(SOLAR, 500, 1000).central()).isCloseTo(KWH * 200, within(1e-12));
        assertThat(cb.score(SOLAR).provenance()).isEqualTo(Provenance.LIVE);

        live.publish(50, Provenance.LIVE);
        assertThat(cb.grams(SOLAR, 500, 1000).central()).as("same hour, new value").isCloseTo(KWH * 50, within(1e-12));
        assertThat(cb.gramsCentral(SOLAR, 500, 1000)).isCloseTo(KWH * 50, within(1e-12));

        live.publish(50, Provenance.STALE);
        assertThat(cb.score(SOLAR).provenance()).as("same value marked stale").isEqualTo(Provenance.STALE);

        live.withdraw();
        assertThat(cb.gramsCentral(SOLAR, 500, 1000)).as("the catalog's profile takes over").isCloseTo(KWH * 150,
                within(1e-12));
        assertThat(cb.score(SOLAR).provenance()).isEqualTo(Provenance.DEFAULT);
    }

    @Test
    void memoised_results_equal_freshly_computed_ones_for_every_offering() {
        TestClock clock = new TestClock(Instant.parse("2026-06-01T07:30:00Z"));
        CarbonBench cb = CarbonBench.builder().catalog(Fixtures.miniCatalog()).clock(clock)
                .boundary(ai.carbonbench.core.score.Boundary.GPU).build(); // KWH is accelerator kWh x PUE
        for (int step = 0; step < 30; step++) {
            for (var o : cb.catalog().offerings()) {
                Range memo = cb.grams(o.key(), 700, 300);
                Range fresh = cb.scoreAt(o.key(), clock.instant()).gramsFor(700, 300);
                assertThat(memo).as("%s at %s", o.key(), clock.instant()).isEqualTo(fresh);
                assertThat(cb.gramsCentral(o.key(), 700, 300)).isEqualTo(fresh.central());
            }
            clock.set(clock.instant().plus(Duration.ofMinutes(25)));
        }
    }

    @Test
    void aliases_and_unknown_keys_behave_as_before() {
        CarbonBench cb = Fixtures.benchAtNoon();
        assertThat(cb.score(OfferingKey.of("cloud", "central-1", "SMALL-8B")).offering().key()).isEqualTo(SOLAR);
        assertThatThrownBy(() -> cb.grams(OfferingKey.of("cloud", "central-1", "nope"), 1, 1))
                .isInstanceOf(UnknownIdException.class);
        assertThatThrownBy(() -> cb.gramsCentral(SOLAR, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_source_that_throws_is_skipped_as_the_resolution_skips_it() {
        TestClock clock = new TestClock(Instant.parse("2026-06-01T10:05:00Z"));
        StubGridSource broken = new StubGridSource("broken") {
            @Override
            public Optional<GridIntensity> current(String zone) {
                throw new IllegalStateException("broken source");
            }
        };
        CarbonBench cb = CarbonBench.builder().catalog(Fixtures.miniCatalog()).clock(clock).gridSource(broken)
                .boundary(ai.carbonbench.core.score.Boundary.GPU).build();

        assertThat(cb.gramsCentral(SOLAR, 500, 1000)).isCloseTo(KWH * 150, within(1e-12));
        assertThat(cb.grams(SOLAR, 500, 1000).central()).isCloseTo(KWH * 150, within(1e-12));
        assertThat(cb.score(SOLAR)).isEqualTo(cb.scoreAt(SOLAR, clock.instant()));
    }

    /** A live source for Z-SOLAR whose current value the test publishes; a new object per read, as a cache may give. */
    static final class MutableSource extends StubGridSource {
        private volatile double value = Double.NaN;
        private volatile Provenance provenance = Provenance.LIVE;

        MutableSource() {
            super("mutable");
        }

        void publish(double gramsPerKwh, Provenance p) {
            value = gramsPerKwh;
            provenance = p;
        }

        void withdraw() {
            value = Double.NaN;
        }

        @Override
        public Optional<GridIntensity> current(String zone) {
            double v = value;
            return zone.equals("Z-SOLAR") && !Double.isNaN(v) ? Optional.of(new GridIntensity(zone, v,
                    Instant.parse("2026-06-01T10:00:00Z"), "mutable", false, provenance)) : Optional.empty();
        }
    }
}
