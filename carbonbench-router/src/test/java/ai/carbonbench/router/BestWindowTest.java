package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_CENTRAL;
import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import ai.carbonbench.core.score.WindowChoice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Time shifting on the fixture catalog ({@code CarbonBench.bestWindow}) and a router's thin delegate. */
final class BestWindowTest {

    // ---- bestWindow on the fixture catalog ----------------------------------------------------------------

    private final TestClock clock = new TestClock(MIDNIGHT);

    @Test
    void finds_the_cleanest_start_and_endpoint_from_the_typical_profile() {
        CarbonBench cb = Fixtures.carbonBench(clock);

        // DE: 120 g/Mtok, 40 at 10–13 UTC; PL: 200, 100 at 02–04 UTC. A 2 h job by the end of the day.
        WindowChoice w = cb.bestWindow(List.of(EU_EAST, EU_CENTRAL), Duration.ofHours(2),
                MIDNIGHT.plus(Duration.ofDays(1)));

        assertThat(w.best().endpoint()).isEqualTo(EU_CENTRAL);
        assertThat(w.best().start()).isEqualTo(MIDNIGHT.plus(Duration.ofHours(10)));
        assertThat(w.best().end()).isEqualTo(MIDNIGHT.plus(Duration.ofHours(12)));
        assertThat(w.best().meanGramsPerMillionTokens()).isCloseTo(40, within(1e-9));
        assertThat(w.best().meanIntensityGramsPerKwh()).isCloseTo(100, within(1e-9));
        assertThat(w.best().provenance()).isEqualTo(Provenance.DEFAULT);
        assertThat(w.startingNow().endpoint()).isEqualTo(EU_CENTRAL);
        assertThat(w.startingNow().start()).isEqualTo(MIDNIGHT);
        assertThat(w.startingNow().meanGramsPerMillionTokens()).isCloseTo(120, within(1e-9));
        assertThat(w.savedFraction()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void a_window_straddling_hours_is_averaged_over_the_time_it_covers() {
        CarbonBench cb = Fixtures.carbonBench(clock);
        clock.set(MIDNIGHT.plus(Duration.ofMinutes(30 + 60 * 11))); // 11:30, deadline 15:30, 3 h job

        WindowChoice w = cb.bestWindow(List.of(EU_CENTRAL), Duration.ofHours(3),
                MIDNIGHT.plus(Duration.ofMinutes(30 + 60 * 15)));

        // 11:30–14:30: 2.5 h at 100 g/kWh, 0.5 h at 200 -> 116.67 g/kWh; 12:30–15:30: 1.5×100 + 200 + 0.5×300 -> 166.67.
        assertThat(w.best().start()).isEqualTo(clock.instant());
        assertThat(w.best().meanIntensityGramsPerKwh()).isCloseTo(350.0 / 3, within(1e-9));
        assertThat(w.savedFraction()).isZero();
    }

    @Test
    void a_given_window_is_averaged_over_the_time_it_covers_as_the_search_averages() {
        CarbonBench cb = Fixtures.carbonBench(clock);
        Instant start = MIDNIGHT.plus(Duration.ofMinutes(30 + 60 * 11)); // 11:30, 3 h

        WindowChoice.Window w = cb.window(EU_CENTRAL, start, Duration.ofHours(3));

        // DE: 100 g/kWh (40 g/Mtok) at 10–13 UTC, 200 g/kWh (80 g/Mtok) at 14: 2.5 h at 100 and 0.5 h at 200.
        assertThat(w.endpoint()).isEqualTo(EU_CENTRAL);
        assertThat(w.start()).isEqualTo(start);
        assertThat(w.end()).isEqualTo(start.plus(Duration.ofHours(3)));
        assertThat(w.meanIntensityGramsPerKwh()).isCloseTo((2.5 * 100 + 0.5 * 200) / 3, within(1e-9));
        assertThat(w.meanGramsPerMillionTokens()).isCloseTo((2.5 * 40 + 0.5 * 80) / 3, within(1e-9));
        assertThat(w.provenance()).isEqualTo(Provenance.DEFAULT);

        clock.set(start);
        WindowChoice best = cb.bestWindow(List.of(EU_EAST, EU_CENTRAL), Duration.ofHours(3),
                MIDNIGHT.plus(Duration.ofDays(1)));
        assertThat(cb.window(best.best().endpoint(), best.best().start(), Duration.ofHours(3))).isEqualTo(best.best());
        assertThat(cb.window(best.startingNow().endpoint(), start, Duration.ofHours(3))).isEqualTo(best.startingNow());
        assertThatThrownBy(() -> cb.window(EU_CENTRAL, start, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
    }

    @Test
    void uses_the_live_forecast_where_there_is_one() {
        // A forecast says PL is nearly clean at 20:00–22:00 UTC.
        Fixtures.Forecasts forecast = new Fixtures.Forecasts();
        forecast.set("PL", 500, Map.of(20, 10.0, 21, 10.0));
        CarbonBench cb = Fixtures.carbonBench(clock, forecast);

        WindowChoice w = cb.bestWindow(List.of(EU_EAST, EU_CENTRAL), Duration.ofHours(2),
                MIDNIGHT.plus(Duration.ofDays(1)));

        assertThat(w.best().endpoint()).isEqualTo(EU_EAST);
        assertThat(w.best().start()).isEqualTo(MIDNIGHT.plus(Duration.ofHours(20)));
        assertThat(w.best().meanIntensityGramsPerKwh()).isCloseTo(10, within(1e-9));
        assertThat(w.best().provenance()).isEqualTo(Provenance.FORECAST);
    }

    @Test
    void a_router_searches_its_own_allowed_endpoints() {
        CarbonBench cb = Fixtures.carbonBench(clock);
        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).clock(clock)
                .policy(RoutingPolicy.builder().country("PL").build())
                .endpoint(EU_CENTRAL, "de").endpoint(EU_EAST, "pl").build();

        WindowChoice w = router.bestWindow(Duration.ofHours(3), MIDNIGHT.plus(Duration.ofHours(12)));

        assertThat(w.best().endpoint()).isEqualTo(EU_EAST);
        assertThat(w.best().start()).isEqualTo(MIDNIGHT.plus(Duration.ofHours(2)));
        assertThat(w.best().meanIntensityGramsPerKwh()).isCloseTo(250, within(1e-9));
    }

    @Test
    void rejects_jobs_that_cannot_finish_by_the_deadline() {
        CarbonBench cb = Fixtures.carbonBench(clock);

        assertThatThrownBy(() -> cb.bestWindow(List.of(EU_EAST), Duration.ofHours(3),
                MIDNIGHT.plus(Duration.ofHours(2)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot finish by the deadline");
        assertThatThrownBy(() -> cb.bestWindow(List.of(EU_EAST), Duration.ofHours(3),
                MIDNIGHT.plus(Duration.ofDays(30)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cb.bestWindow(List.of(), Duration.ofHours(3),
                MIDNIGHT.plus(Duration.ofDays(1)))).isInstanceOf(IllegalArgumentException.class);
    }
}
