package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.score.Constraints;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.RecommendationRequest;
import ai.carbonbench.core.score.Score;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The constraint settings every query builder inherits, and the carbon cap a leaderboard now honours. */
final class ConstraintsBuilderTest {

    private final CarbonBench bench = Fixtures.benchAtNoon();

    @Test
    void every_query_builder_builds_the_same_normalised_constraints() {
        Constraints expected = new Constraints(Set.of("api"), Set.of("cloud/central-1"), Set.of("DE"), true,
                OptionalDouble.of(2), OptionalDouble.of(50));
        assertThat(LeaderboardQuery.builder().provider(" API ").region("Cloud/Central-1").country("de ").euOnly(true)
                .maxUsdPerMillionTokens(2).maxGramsPerMillionTokens(50).build().constraints()).isEqualTo(expected);
        assertThat(RecommendationRequest.builder("small-8b").provider("api").region("cloud/central-1").country("DE")
                .euOnly(true).maxUsdPerMillionTokens(2).maxGramsPerMillionTokens(50).build().toQuery().constraints())
                .isEqualTo(expected);
        assertThat(expected.describe()).isEqualTo("providers [api], regions [cloud/central-1], countries [DE], EU only, "
                + "at most $2.0 per million tokens, at most 50.0 g per million tokens");
        assertThat(LeaderboardQuery.all().constraints()).isEqualTo(Constraints.NONE);
    }

    @Test
    void a_country_must_be_two_letters_and_a_cap_a_finite_non_negative_number() {
        assertThatThrownBy(() -> LeaderboardQuery.builder().country("DEU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO 3166-1 alpha-2");
        assertThatThrownBy(() -> RecommendationRequest.builder("small-8b").country("1A")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was '1A'");
        assertThatThrownBy(() -> RecommendationRequest.builder("small-8b").maxGramsPerMillionTokens(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxGramsPerMillionTokens");
    }

    @Test
    void the_leaderboard_drops_offerings_above_the_carbon_cap() {
        List<Score> all = bench.leaderboard(LeaderboardQuery.all());
        double cap = all.get(all.size() / 2).gramsPerMillionTokens().central();
        List<Score> capped = bench.leaderboard(LeaderboardQuery.builder().maxGramsPerMillionTokens(cap).build());
        assertThat(capped).isNotEmpty().hasSizeLessThan(all.size())
                .isEqualTo(all.stream().filter(s -> s.gramsPerMillionTokens().central() <= cap).toList());
    }
}
