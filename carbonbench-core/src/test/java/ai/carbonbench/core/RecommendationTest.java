package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.score.DailyCurve;
import ai.carbonbench.core.score.Recommendation;
import ai.carbonbench.core.score.RecommendationRequest;
import ai.carbonbench.core.score.Score;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class RecommendationTest {

    private final CarbonBench bench = Fixtures.benchAtNoon();

    @Test
    void recommends_the_cleanest_option_with_four_alternatives() {
        Recommendation r = bench.recommend("small-8b");
        assertThat(r.best().offering().key().toString()).isEqualTo("cloud/north-1/small-8b");
        assertThat(r.alternatives()).hasSize(4);
        assertThat(r.alternatives().get(0).offering().key().toString()).isEqualTo("api/north-1/small-8b");
        assertThat(r.candidates()).isEqualTo(6);
        assertThat(r.worst().offering().key().toString()).isEqualTo("api/us/small-8b");
    }

    @Test
    void savings_are_measured_against_the_median_and_the_worst_option() {
        Recommendation r = bench.recommend("small-8b");
        // blended g/Mtok at noon: 0.26, 0.39, 1.3, 2.08, 5.2, 7.8 -> median (1.3 + 2.08) / 2 = 1.69
        assertThat(r.medianGramsPerMillionTokens()).isCloseTo(1.69, within(1e-9));
        assertThat(r.savingsVsMedianGramsPerMillionTokens()).isCloseTo(1.69 - 0.26, within(1e-9));
        assertThat(r.savingsVsMedianPercent()).isCloseTo((1.69 - 0.26) / 1.69 * 100, within(1e-9));
        assertThat(r.savingsVsWorstGramsPerMillionTokens()).isCloseTo(7.8 - 0.26, within(1e-9));
        assertThat(r.savingsVsWorstPercent()).isCloseTo((7.8 - 0.26) / 7.8 * 100, within(1e-9));
    }

    @Test
    void overlapping_ranges_are_reported_and_the_lower_central_estimate_still_wins() {
        // cloud/east-1 (PUE 1.0) and api/us (PUE 1.5, location unknown) both sit in Z-DIRTY (400 g/kWh) with Z-ALT
        // (100 g/kWh) as alternative: relative intensity range 0.25..1 for both, so x·[0.25, 1] and 1.5x·[0.25, 1]
        // overlap. api/us is cheaper ($0.10 against $0.25 blended); price must not overrule the lower central value.
        Recommendation r = bench.recommend(RecommendationRequest.builder("small-8b").region("east-1").region("us")
                .build());
        assertThat(r.best().offering().key().toString()).isEqualTo("cloud/east-1/small-8b");
        assertThat(r.alternatives().get(0).offering().key().toString()).isEqualTo("api/us/small-8b");
        assertThat(r.rangesOverlap()).isTrue();
        assertThat(r.insight()).contains("cannot call a clear winner")
                .contains("on what differs between them")
                .contains("it ranks first on its lower central estimate")
                .contains("Test API us (US) is cheaper at $0.10, but price decides only between equal central estimates");
    }

    @Test
    void offerings_of_one_model_in_one_zone_differ_only_by_pue_so_the_common_energy_range_does_not_tie_them() {
        // cloud/north-1 (PUE 1.0) and api/north-1 (PUE 1.5) in Z-CLEAN: their full ranges overlap through the
        // model's energy range, but that is common to both; what differs (PUE) makes cloud clearly cleaner.
        Recommendation r = bench.recommend("small-8b");
        assertThat(r.best().gramsPerMillionTokens().overlaps(r.alternatives().get(0).gramsPerMillionTokens())).isTrue();
        assertThat(r.rangesOverlap()).isFalse();
        assertThat(r.insight()).doesNotContain("clear winner");
    }

    @Test
    void a_clear_winner_is_named_without_the_overlap_caveat() {
        Recommendation r = bench.recommend(RecommendationRequest.builder("small-8b").provider("cloud").build());
        assertThat(r.rangesOverlap()).isFalse();
        assertThat(r.insight()).startsWith("Run Small 8B on Test Cloud north-1 (SE, Stockholm)")
                .doesNotContain("clear winner");
    }

    @Test
    void constraints_narrow_the_candidates() {
        Recommendation r = bench.recommend(RecommendationRequest.builder("org/Small-8B-Instruct")
                .euOnly(true).maxUsdPerMillionTokens(0.5).build());
        assertThat(r.best().offering().region().inEu()).isTrue();
        assertThat(r.candidates()).isEqualTo(3);
        assertThat(r.alternatives()).allMatch(s -> s.usdPerMillionTokens() <= 0.5);
    }

    @Test
    void no_candidate_is_a_clear_error_naming_where_the_model_is_offered() {
        assertThatThrownBy(() -> bench.recommend(RecommendationRequest.builder("big-70b").provider("api").build()))
                .isInstanceOf(CarbonBenchException.class)
                .hasMessageContaining("No offering of big-70b")
                .hasMessageContaining("cloud/central-1");
    }

    @Test
    void the_cleanest_hour_comes_from_the_best_regions_curve() {
        Recommendation r = bench.recommend(RecommendationRequest.builder("small-8b").region("central-1").build());
        assertThat(r.cleanestHour().orElseThrow().utcHour()).isEqualTo(11);
        assertThat(r.cleanestHour().orElseThrow().gramsPerKwh()).isEqualTo(90);
        assertThat(r.insight()).contains("cleanest around 11:00 UTC");
    }

    @Test
    void a_flat_profile_says_no_hourly_data_exists() {
        Recommendation r = bench.recommend(RecommendationRequest.builder("small-8b").region("uk-1").build());
        assertThat(r.cleanestHour()).isEmpty();
        assertThat(r.insight()).contains("No hourly data exists for grid zone Z-UK")
                .contains("only option");
    }

    @Test
    void the_curve_has_24_hours_from_now_with_the_minimum_marked() {
        DailyCurve c = bench.curve("central-1");
        assertThat(c.points()).hasSize(24);
        assertThat(c.points().get(0).at()).isEqualTo(Fixtures.NOON);
        assertThat(c.minimum().utcHour()).isEqualTo(11);
        assertThat(c.minimum().at()).isEqualTo(Instant.parse("2026-06-02T11:00:00Z"));
        assertThat(c.maximum().gramsPerKwh()).isEqualTo(400);
        assertThat(c.flat()).isFalse();
        assertThatThrownBy(() -> bench.curve("north-1")).isInstanceOf(UnknownIdException.class)
                .hasMessageContaining("ambiguous").hasMessageContaining("cloud/north-1");
        assertThat(bench.curve("cloud/north-1").flat()).isTrue();
    }

    @Test
    void scores_in_a_recommendation_are_consistent_with_the_leaderboard() {
        Recommendation r = bench.recommend("small-8b");
        Score best = r.best();
        assertThat(bench.score(best.offering().key())).isEqualTo(best);
    }
}
