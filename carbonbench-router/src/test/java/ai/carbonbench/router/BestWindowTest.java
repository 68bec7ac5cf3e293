package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_CENTRAL;
import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.Provenance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Time shifting. The rolling-average vectors are the Green Software Foundation Carbon Aware SDK's own
 * ({@code docs/carbon-apis.md} §4.3): four 5-minute points from 2020-01-01T00:00Z rated 10, 20, 30, 40.
 */
final class BestWindowTest {

    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    private static final List<Windows.Point> SDK_DATA = List.of(point(0, 10), point(5, 20), point(10, 30),
            point(15, 40));

    private static Windows.Point point(int minute, double value) {
        return new Windows.Point(T0.plusSeconds(minute * 60L), Duration.ofMinutes(5), value);
    }

    private static List<Windows.Point> reversed(List<Windows.Point> points) {
        List<Windows.Point> copy = new ArrayList<>(points);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static Instant at(String mmss) {
        String[] p = mmss.split(":");
        return T0.plusSeconds(Long.parseLong(p[0]) * 60 + (p.length > 1 ? Long.parseLong(p[1]) : 0));
    }

    @ParameterizedTest(name = "window {0} min, tick {1} min -> {2}")
    @CsvSource(delimiter = ';', value = {
        "5;  5; 10 20 30 40",
        "10; 5; 15 25 35",
        "2;  5; 10 20 30 40",
        "5;  4; 10 18 26 34",
        "10; 4; 15 23 31",
        "2;  4; 10 15 20 30 40",
        "5;  7; 10 24 38",
        "10; 7; 15 29",
        "2;  7; 10 20 35"})
    void rolling_average_matches_the_carbon_aware_sdk_vectors(int window, int tick, String expected) {
        List<Windows.Point> out = Windows.rollingAverage(SDK_DATA, Duration.ofMinutes(window), T0, at("20"),
                Duration.ofMinutes(tick));

        assertThat(out).extracting(Windows.Point::value)
                .containsExactly(java.util.Arrays.stream(expected.split(" ")).map(Double::valueOf).toArray(Double[]::new));
    }

    @ParameterizedTest(name = "{0}..{1} -> {2}")
    @CsvSource({"00:00, 20:00, 25.00", "04:00, 20:00, 28.75", "00:00, 16:00, 21.25", "02:30, 17:30, 25.00",
        "02:00, 03:00, 10.00"})
    void average_over_period_matches_the_carbon_aware_sdk_vectors(String start, String end, double expected) {
        assertThat(Windows.averageOverPeriod(SDK_DATA, at(start), at(end))).isCloseTo(expected, within(1e-9));
        assertThat(Windows.averageOverPeriod(reversed(SDK_DATA), at(start), at(end))).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest(name = "{0}..{1} -> {2}")
    @CsvSource({"02, 20, 14 24 34", "05, 15, 20 30"})
    void a_start_inside_the_data_shifts_the_grid_as_in_the_sdk(String start, String end, String expected) {
        List<Windows.Point> out = Windows.rollingAverage(SDK_DATA, Duration.ofMinutes(5), at(start), at(end), null);

        assertThat(out).extracting(Windows.Point::value)
                .containsExactly(java.util.Arrays.stream(expected.split(" ")).map(Double::valueOf).toArray(Double[]::new));
        assertThat(out.get(0).time()).isEqualTo(at(start));
    }

    @Test
    void gaps_disorder_overlaps_and_uncovered_periods_are_rejected() {
        List<Windows.Point> gap = List.of(point(0, 10), point(10, 30));
        List<Windows.Point> disorder = List.of(point(0, 10), point(10, 30), point(5, 20));
        List<Windows.Point> overlap = List.of(point(0, 10), new Windows.Point(at("03"), Duration.ofMinutes(5), 20));

        assertThatThrownBy(() -> Windows.averageOverPeriod(gap, at("00"), at("15")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Windows.averageOverPeriod(disorder, at("00"), at("15")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Windows.averageOverPeriod(overlap, at("00"), at("08")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Windows.averageOverPeriod(SDK_DATA, at("00"), at("25")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Windows.averageOverPeriod(List.of(), at("00"), at("05"))).isZero();
        assertThat(Windows.rollingAverage(SDK_DATA, Duration.ZERO, T0, at("20"), null)).isEqualTo(SDK_DATA);
    }

    // ---- bestWindow on the fixture catalog ----------------------------------------------------------------

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(MIDNIGHT);

    @Test
    void finds_the_cleanest_start_and_endpoint_from_the_typical_profile() {
        CarbonBench cb = Fixtures.carbonBench(clock);

        // DE: 120 g/Mtok, 40 at 10–13 UTC; PL: 200, 100 at 02–04 UTC. A 2 h job by the end of the day.
        WindowChoice w = CarbonRouter.bestWindow(cb, List.of(EU_EAST, EU_CENTRAL), Duration.ofHours(2),
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

        WindowChoice w = CarbonRouter.bestWindow(cb, List.of(EU_CENTRAL), Duration.ofHours(3),
                MIDNIGHT.plus(Duration.ofMinutes(30 + 60 * 15)));

        // 11:30–14:30: 2.5 h at 100 g/kWh, 0.5 h at 200 -> 116.67 g/kWh; 12:30–15:30: 1.5×100 + 200 + 0.5×300 -> 166.67.
        assertThat(w.best().start()).isEqualTo(clock.instant());
        assertThat(w.best().meanIntensityGramsPerKwh()).isCloseTo(350.0 / 3, within(1e-9));
        assertThat(w.savedFraction()).isZero();
    }

    @Test
    void uses_the_live_forecast_where_there_is_one() {
        // A forecast says PL is nearly clean at 20:00–22:00 UTC.
        GridIntensitySource forecast = new GridIntensitySource() {
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
                List<GridIntensity> out = new ArrayList<>();
                if (zone.equals("PL")) {
                    for (int h = 1; h < 24; h++) {
                        double v = h == 20 || h == 21 ? 10 : 500;
                        out.add(new GridIntensity(zone, v, MIDNIGHT.plus(Duration.ofHours(h)), name(), true,
                                Provenance.FORECAST));
                    }
                }
                return out;
            }
        };
        CarbonBench cb = CarbonBench.builder().catalog(Fixtures.catalog()).clock(clock).gridSource(forecast)
                .boundary(ai.carbonbench.core.score.Boundary.GPU).build();

        WindowChoice w = CarbonRouter.bestWindow(cb, List.of(EU_EAST, EU_CENTRAL), Duration.ofHours(2),
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
                .policy(RoutingPolicy.builder().allowCountries("PL").build())
                .endpoint(EU_CENTRAL, "de").endpoint(EU_EAST, "pl").build();

        WindowChoice w = router.bestWindow(Duration.ofHours(3), MIDNIGHT.plus(Duration.ofHours(12)));

        assertThat(w.best().endpoint()).isEqualTo(EU_EAST);
        assertThat(w.best().start()).isEqualTo(MIDNIGHT.plus(Duration.ofHours(2)));
        assertThat(w.best().meanIntensityGramsPerKwh()).isCloseTo(250, within(1e-9));
    }

    @Test
    void rejects_jobs_that_cannot_finish_by_the_deadline() {
        CarbonBench cb = Fixtures.carbonBench(clock);

        assertThatThrownBy(() -> CarbonRouter.bestWindow(cb, List.of(EU_EAST), Duration.ofHours(3),
                MIDNIGHT.plus(Duration.ofHours(2)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot finish by the deadline");
        assertThatThrownBy(() -> CarbonRouter.bestWindow(cb, List.of(EU_EAST), Duration.ofHours(3),
                MIDNIGHT.plus(Duration.ofDays(30)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CarbonRouter.bestWindow(cb, List.of(), Duration.ofHours(3),
                MIDNIGHT.plus(Duration.ofDays(1)))).isInstanceOf(IllegalArgumentException.class);
    }
}
