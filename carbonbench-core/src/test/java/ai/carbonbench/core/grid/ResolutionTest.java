package ai.carbonbench.core.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one fallback order: live → forecast → history → last good → snapshot → default (the caller's). */
final class ResolutionTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:20:00Z");
    private static final Instant HOUR = Instant.parse("2026-01-01T12:00:00Z");

    /** A source that knows what the test gives it. */
    record Fixed(Optional<GridIntensity> current, List<GridIntensity> history, List<GridIntensity> forecast)
            implements GridIntensitySource {
        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public Optional<GridIntensity> current(String zone) {
            return current;
        }

        @Override
        public List<GridIntensity> history(String zone) {
            return history;
        }

        @Override
        public List<GridIntensity> forecast(String zone) {
            return forecast;
        }
    }

    private static GridIntensity g(double grams, Instant at, Provenance p) {
        return new GridIntensity("DE", grams, at, "test", false, p);
    }

    private static Optional<Provenance> resolve(GridIntensitySource s, Instant time) {
        return GridSources.resolve(s, "DE", time, NOW).map(GridIntensity::provenance);
    }

    private static final Fixed EMPTY = new Fixed(Optional.empty(), List.of(), List.of());

    @Test
    void the_current_hour_prefers_live_then_forecast_then_history_then_last_good() {
        GridIntensity forecast = g(1, HOUR, Provenance.FORECAST);
        GridIntensity history = g(2, HOUR, Provenance.HISTORY);
        GridIntensity stale = g(3, HOUR, Provenance.STALE);

        assertThat(resolve(new Fixed(Optional.of(g(0, HOUR, Provenance.LIVE)), List.of(history), List.of(forecast)), NOW))
                .contains(Provenance.LIVE);
        assertThat(resolve(new Fixed(Optional.of(stale), List.of(history), List.of(forecast)), NOW))
                .contains(Provenance.FORECAST);
        assertThat(resolve(new Fixed(Optional.of(stale), List.of(history), List.of()), NOW)).contains(Provenance.HISTORY);
        assertThat(resolve(new Fixed(Optional.of(stale), List.of(), List.of()), NOW)).contains(Provenance.STALE);
        assertThat(resolve(EMPTY, NOW)).isEmpty();
    }

    @Test
    void a_chain_asks_the_snapshot_only_after_the_live_sources_last_good_value() {
        GridIntensitySource live = new Fixed(Optional.of(g(3, HOUR, Provenance.STALE)), List.of(), List.of());
        GridIntensitySource snapshot = new Fixed(Optional.of(g(4, HOUR, Provenance.LIVE)), List.of(), List.of());

        assertThat(GridSources.resolve(GridSources.chain(live, snapshot), "DE", NOW, NOW))
                .map(GridIntensity::gramsPerKwh).contains(3.0);
        assertThat(GridSources.resolve(GridSources.chain(EMPTY, snapshot), "DE", NOW, NOW))
                .map(GridIntensity::gramsPerKwh).contains(4.0);
    }

    @Test
    void a_nested_chain_is_resolved_source_by_source() {
        GridIntensitySource stale = new Fixed(Optional.of(g(3, HOUR, Provenance.STALE)), List.of(), List.of());
        GridIntensitySource forecast = new Fixed(Optional.empty(), List.of(), List.of(g(6, HOUR, Provenance.FORECAST)));
        GridIntensitySource snapshot = new Fixed(Optional.of(g(4, HOUR, Provenance.LIVE)), List.of(), List.of());

        // the first source's last good value comes before the next source's forecast, nested or not
        assertThat(GridSources.resolve(GridSources.chain(GridSources.chain(stale, forecast), snapshot), "DE", NOW, NOW))
                .map(GridIntensity::gramsPerKwh).contains(3.0);
    }

    @Test
    void other_hours_use_the_forecast_ahead_and_the_history_behind() {
        Instant ahead = HOUR.plus(Duration.ofHours(3));
        Instant behind = HOUR.minus(Duration.ofHours(3));
        Fixed s = new Fixed(Optional.of(g(0, HOUR, Provenance.LIVE)), List.of(g(5, behind, Provenance.HISTORY)),
                List.of(g(6, ahead, Provenance.FORECAST)));

        assertThat(resolve(s, ahead.plusSeconds(600))).contains(Provenance.FORECAST);
        assertThat(resolve(s, behind.plusSeconds(600))).contains(Provenance.HISTORY);
        assertThat(resolve(s, ahead.plus(Duration.ofHours(5)))).as("no point covers it").isEmpty();
    }
}
