package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.catalog.Family;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.SortOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LeaderboardTest {

    private final CarbonBench bench = Fixtures.benchAtNoon();

    private static List<String> keys(List<Score> scores) {
        return scores.stream().map(s -> s.offering().key().toString()).toList();
    }

    @Test
    void sorts_by_carbon_lowest_first() {
        List<Score> rows = bench.leaderboard(LeaderboardQuery.builder().model("small-8b").build());
        assertThat(keys(rows)).containsExactly("cloud/north-1/small-8b", "api/north-1/small-8b",
                "cloud/central-1/small-8b", "cloud/uk-1/small-8b", "cloud/east-1/small-8b", "api/us/small-8b");
        assertThat(rows).isSortedAccordingTo(
                (a, b) -> Double.compare(a.gramsPerMillionTokens().central(), b.gramsPerMillionTokens().central()));
    }

    @Test
    void sorts_by_cost_then_carbon() {
        List<Score> rows = bench.leaderboard(LeaderboardQuery.builder().model("small-8b").sort(SortOrder.COST).build());
        // both API offerings cost $0.10; the cleaner one comes first
        assertThat(keys(rows).subList(0, 2)).containsExactly("api/north-1/small-8b", "api/us/small-8b");
        assertThat(rows).isSortedAccordingTo((a, b) -> Double.compare(a.usdPerMillionTokens(), b.usdPerMillionTokens()));
    }

    @Test
    void sorts_by_speed_with_unknown_speed_last() {
        List<Score> rows = bench.leaderboard(LeaderboardQuery.builder().sort(SortOrder.SPEED).build());
        assertThat(keys(rows).subList(0, 2)).containsExactly("api/us/small-8b", "api/north-1/small-8b");
        assertThat(rows.subList(2, rows.size())).allMatch(s -> s.tokensPerSecond().isEmpty());
    }

    @Test
    void filters_by_family_provider_region_and_country() {
        assertThat(bench.leaderboard(LeaderboardQuery.builder().family(Family.QWEN).build()))
                .allMatch(s -> s.offering().model().id().equals("big-70b")).hasSize(2);
        assertThat(bench.leaderboard(LeaderboardQuery.builder().provider("api").build())).hasSize(2);
        assertThat(keys(bench.leaderboard(LeaderboardQuery.builder().region("north-1").build())))
                .containsExactlyInAnyOrder("cloud/north-1/small-8b", "api/north-1/small-8b");
        assertThat(keys(bench.leaderboard(LeaderboardQuery.builder().region("api/north-1").build())))
                .containsExactly("api/north-1/small-8b");
        assertThat(bench.leaderboard(LeaderboardQuery.builder().country("de").build()))
                .allMatch(s -> s.offering().region().id().equals("central-1")).hasSize(2);
    }

    @Test
    void eu_only_excludes_the_uk_and_cross_region_offerings_that_may_leave_the_eu() {
        List<Score> rows = bench.leaderboard(LeaderboardQuery.builder().euOnly(true).build());
        assertThat(rows).allMatch(s -> s.offering().executionRegions().stream().allMatch(r -> r.inEu()));
        assertThat(keys(rows)).doesNotContain("cloud/uk-1/small-8b", "cloud/east-1/big-70b")
                .contains("cloud/central-1/big-70b");
    }

    @Test
    void max_price_and_limit_apply() {
        List<Score> rows = bench.leaderboard(LeaderboardQuery.builder().maxUsdPerMillionTokens(0.2).limit(1).build());
        assertThat(keys(rows)).containsExactly("api/north-1/small-8b");
    }

    @Test
    void a_row_carries_zone_intensity_provenance_price_and_speed() {
        Score row = bench.leaderboard(LeaderboardQuery.builder().region("api/us").build()).get(0);
        assertThat(row.zone()).isEqualTo("Z-DIRTY");
        assertThat(row.intensityGramsPerKwh().central()).isEqualTo(400);
        assertThat(row.at()).isEqualTo(Fixtures.NOON);
        assertThat(row.tokensPerSecond()).hasValue(500);
        assertThat(row.offering().price().usdPerMillionInput()).isEqualTo(0.1);
    }

    @Test
    void unknown_ids_in_a_query_name_the_closest_valid_ones() {
        assertThatThrownBy(() -> bench.leaderboard(LeaderboardQuery.builder().model("smal-8b").build()))
                .isInstanceOf(UnknownIdException.class).hasMessageContaining("small-8b");
        assertThatThrownBy(() -> bench.leaderboard(LeaderboardQuery.builder().provider("clod").build()))
                .isInstanceOf(UnknownIdException.class).hasMessageContaining("cloud");
        assertThatThrownBy(() -> bench.leaderboard(LeaderboardQuery.builder().region("nort-1").build()))
                .isInstanceOf(UnknownIdException.class).hasMessageContaining("north-1");
    }
}
