package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.SortOrder;
import ai.carbonbench.core.score.TokenMix;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties that hold for every offering of the embedded catalog at every hour, checked
 * exhaustively over the catalog and on seeded random token counts and mixes.
 */
final class ScoringPropertiesTest {

    private static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");

    private final CarbonBench bench = CarbonBench.builder().clock(Fixtures.clockAt(DAY)).build();

    @Test
    void every_score_at_every_hour_is_ordered_low_central_high_and_follows_the_formula() {
        for (int hour = 0; hour < 24; hour++) {
            Instant at = DAY.plus(Duration.ofHours(hour));
            for (Score s : bench.leaderboard(LeaderboardQuery.builder().at(at).build())) {
                Offering o = s.offering();
                assertThat(s.intensityGramsPerKwh().low()).isLessThanOrEqualTo(s.intensityGramsPerKwh().central());
                // the default SERVER boundary: Google's (58 + 25 + 10) / 58, stored to 4 significant digits
                double expected = o.model().energy().outputWhPer1kTokens() * (58.0 + 25 + 10) / 58
                        * s.intensityGramsPerKwh().central() * o.provider().pue();
                assertThat(s.gramsPerMillionOutput().central()).as(o.key().toString())
                        .isCloseTo(expected, within(expected * 3e-4));
                assertThat(s.gramsPerMillionTokens().low()).isLessThanOrEqualTo(s.gramsPerMillionTokens().high());
            }
        }
    }

    @Test
    void grams_are_linear_in_tokens() {
        SplittableRandom random = new SplittableRandom(42);
        List<Score> all = bench.leaderboard(LeaderboardQuery.all());
        for (int i = 0; i < 2_000; i++) {
            Score s = all.get(random.nextInt(all.size()));
            long in = random.nextLong(0, 2_000_000);
            long out = random.nextLong(0, 200_000);
            Range one = s.gramsFor(in, out);
            Range twice = s.gramsFor(2 * in, 2 * out);
            assertThat(twice.central()).isCloseTo(2 * one.central(), within(1e-9 * (1 + one.central())));
            assertThat(s.gramsFor(in, 0).plus(s.gramsFor(0, out)).central())
                    .isCloseTo(one.central(), within(1e-9 * (1 + one.central())));
        }
    }

    @Test
    void the_blend_lies_between_input_and_output_for_any_mix() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            TokenMix mix = TokenMix.ratio(random.nextDouble(0, 10), random.nextDouble(0.01, 10));
            CarbonBench b = CarbonBench.builder().clock(Fixtures.clockAt(DAY)).tokenMix(mix).build();
            for (Score s : b.leaderboard(LeaderboardQuery.builder().limit(20).build())) {
                double lo = Math.min(s.gramsPerMillionInput().central(), s.gramsPerMillionOutput().central());
                double hi = Math.max(s.gramsPerMillionInput().central(), s.gramsPerMillionOutput().central());
                assertThat(s.gramsPerMillionTokens().central()).isBetween(lo - 1e-12, hi + 1e-12);
            }
        }
    }

    @Test
    void a_cleaner_grid_never_scores_worse() {
        SplittableRandom random = new SplittableRandom(11);
        for (Score s : bench.leaderboard(LeaderboardQuery.all())) {
            double g = random.nextDouble(0, 900);
            double lower = bench.scoreWithIntensity(s.offering().key(), g).gramsPerMillionTokens().central();
            double higher = bench.scoreWithIntensity(s.offering().key(), g + 1).gramsPerMillionTokens().central();
            assertThat(lower).isLessThanOrEqualTo(higher);
        }
    }

    @Test
    void every_sort_order_is_a_permutation_of_the_same_rows() {
        List<Score> carbon = bench.leaderboard(LeaderboardQuery.all());
        for (SortOrder order : SortOrder.values()) {
            List<Score> rows = bench.leaderboard(LeaderboardQuery.builder().sort(order).build());
            assertThat(rows).containsExactlyInAnyOrderElementsOf(carbon);
        }
    }
}
