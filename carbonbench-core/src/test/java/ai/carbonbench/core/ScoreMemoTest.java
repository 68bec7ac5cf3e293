package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
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
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:05:00Z"));
        CarbonBench cb = CarbonBench.builder().catalog(Fixtures.miniCatalog()).clock(clock).build();

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
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:05:00Z"));
        MutableSource live = new MutableSource();
        live.publish(200, Provenance.LIVE);
        CarbonBench cb = CarbonBench.builder().catalog(Fixtures.miniCatalog()).clock(clock).gridSource(live).build();

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
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T07:30:00Z"));
        CarbonBench cb = CarbonBench.builder().catalog(Fixtures.miniCatalog()).clock(clock).build();
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

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A live source for Z-SOLAR whose current value the test publishes; a new object per read, as a cache may give. */
    static final class MutableSource implements GridIntensitySource {
        private volatile double value = Double.NaN;
        private volatile Provenance provenance = Provenance.LIVE;

        void publish(double gramsPerKwh, Provenance p) {
            value = gramsPerKwh;
            provenance = p;
        }

        void withdraw() {
            value = Double.NaN;
        }

        @Override
        public String name() {
            return "mutable";
        }

        @Override
        public Optional<GridIntensity> current(String zone) {
            double v = value;
            return zone.equals("Z-SOLAR") && !Double.isNaN(v) ? Optional.of(new GridIntensity(zone, v,
                    Instant.parse("2026-06-01T10:00:00Z"), "mutable", false, provenance)) : Optional.empty();
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
}
