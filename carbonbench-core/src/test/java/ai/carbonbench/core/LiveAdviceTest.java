package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Recommendation;
import ai.carbonbench.core.score.RecommendationRequest;
import ai.carbonbench.core.testing.StubGridSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

final class LiveAdviceTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:10:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static Catalog catalog() throws Exception {
        return Catalog.load(Path.of(LiveAdviceTest.class.getResource("/catalog/grid-test-catalog.json").toURI()));
    }

    /** A live source with a 72-hour forecast for DE whose minimum lies 50 hours ahead. */
    static final class ForecastSource extends StubGridSource {
        final AtomicBoolean prefetched = new AtomicBoolean();

        ForecastSource() {
            super("test-live");
        }

        @Override
        public Optional<GridIntensity> current(String zone) {
            return zone.equals("DE") ? Optional.of(new GridIntensity("DE", 100, NOW.minusSeconds(600), "test-live", false,
                    Provenance.LIVE)) : Optional.empty();
        }

        /** Six hours of history for DE, 06:00 to 11:00 UTC, at 150. */
        @Override
        public List<GridIntensity> history(String zone) {
            if (!zone.equals("DE")) {
                return List.of();
            }
            List<GridIntensity> out = new ArrayList<>();
            for (int h = 6; h < 12; h++) {
                out.add(new GridIntensity("DE", 150, Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(h)),
                        "test-live", false, Provenance.HISTORY));
            }
            return out;
        }

        @Override
        public List<GridIntensity> forecast(String zone) {
            if (!zone.equals("DE")) {
                return List.of();
            }
            List<GridIntensity> out = new ArrayList<>();
            Instant hour = Instant.parse("2026-01-01T13:00:00Z");
            for (int i = 0; i < 72; i++) {
                out.add(new GridIntensity("DE", i == 49 ? 50 : 300, hour.plus(Duration.ofHours(i)), "test-live", false,
                        Provenance.FORECAST));
            }
            return out;
        }

        @Override
        public CompletableFuture<Void> prefetch(Collection<String> zones) {
            prefetched.set(true);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void the_cleanest_hour_comes_from_the_forecast_up_to_72_hours_ahead() throws Exception {
        try (CarbonBench cb = CarbonBench.builder().catalog(catalog()).clock(CLOCK).gridSource(new ForecastSource()).build()) {
            Recommendation r = cb.recommend(RecommendationRequest.of("test-model"));
            assertThat(r.cleanestHour().orElseThrow().at()).isEqualTo(Instant.parse("2026-01-03T14:00:00Z"));
            assertThat(r.cleanestHour().orElseThrow().gramsPerKwh()).isEqualTo(50);
            assertThat(r.cleanestHour().orElseThrow().provenance()).isEqualTo(Provenance.FORECAST);
            assertThat(r.insight()).contains("forecast to be cleanest at 2026-01-03 14:00 UTC");
            assertThat(r.best().offering().region().zone().key()).isEqualTo("DE"); // 100 live against GB's 200 default
        }
    }

    @Test
    void without_a_live_source_the_advice_uses_the_typical_day() throws Exception {
        try (CarbonBench cb = CarbonBench.builder().catalog(catalog()).clock(CLOCK).build()) {
            var curve = cb.curve(cb.catalog().region("eu-central"), NOW);
            assertThat(curve.points()).hasSize(24).extracting(p -> p.provenance()).containsOnly(Provenance.DEFAULT);
            assertThat(cb.adviceHours("DE", NOW)).isEqualTo(24);
        }
    }

    @Test
    void the_curve_mixes_live_current_forecast_and_default() throws Exception {
        try (CarbonBench cb = CarbonBench.builder().catalog(catalog()).clock(CLOCK).gridSource(new ForecastSource()).build()) {
            var curve = cb.curve(cb.catalog().region("eu-central"), NOW);
            assertThat(curve.points().get(0).provenance()).isEqualTo(Provenance.LIVE);
            assertThat(curve.points().get(1).provenance()).isEqualTo(Provenance.FORECAST);
            assertThat(cb.adviceHours("DE", NOW)).isEqualTo(72);
            assertThat(cb.adviceHours("GB", NOW)).isEqualTo(24);
        }
    }

    @Test
    void await_live_data_prefetches_every_catalog_zone_at_build() throws Exception {
        ForecastSource live = new ForecastSource();
        try (CarbonBench cb = CarbonBench.builder().catalog(catalog()).clock(CLOCK).gridSource(live)
                .awaitLiveData(Duration.ofSeconds(1)).build()) {
            assertThat(live.prefetched).isTrue();
            assertThat(cb.score(cb.catalog().offeringsOf("test-model").get(0).key()).provenance())
                    .isNotNull();
        }
    }

    @Test
    void history_and_forecast_curves_use_live_points_where_they_exist() throws Exception {
        try (CarbonBench cb = CarbonBench.builder().catalog(catalog()).clock(CLOCK).gridSource(new ForecastSource()).build()) {
            var history = cb.history("eu-central");
            assertThat(history.points()).hasSize(24);
            assertThat(history.points().get(0).at()).isEqualTo(Instant.parse("2025-12-31T13:00:00Z"));
            assertThat(history.points().get(23).provenance()).isEqualTo(Provenance.LIVE);
            assertThat(history.points().get(17).at()).isEqualTo(Instant.parse("2026-01-01T06:00:00Z"));
            assertThat(history.points().subList(17, 23)).allMatch(p -> p.provenance() == Provenance.HISTORY
                    && p.gramsPerKwh() == 150);
            assertThat(history.points().subList(0, 17)).allMatch(p -> p.provenance() == Provenance.DEFAULT);

            var forecast = cb.forecast("eu-central");
            assertThat(forecast.points()).hasSize(72);
            assertThat(forecast.minimum().at()).isEqualTo(Instant.parse("2026-01-03T14:00:00Z"));
        }
        try (CarbonBench offline = CarbonBench.builder().catalog(catalog()).clock(CLOCK).build()) {
            assertThat(offline.forecast("eu-central").points()).hasSize(24)
                    .allMatch(p -> p.provenance() == Provenance.DEFAULT);
        }
    }
}
