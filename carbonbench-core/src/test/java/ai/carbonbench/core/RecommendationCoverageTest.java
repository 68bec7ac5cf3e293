package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.score.Recommendation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The flagship question answered for today's models: a best option and four alternatives (docs/data.md section 7b). */
final class RecommendationCoverageTest {

    private final CarbonBench bench = CarbonBench.builder()
            .clock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC)).build();

    @ParameterizedTest
    @ValueSource(strings = {"llama-3.3-70b", "gpt-4o", "claude-sonnet-4-5", "gemini-2.5-flash", "mistral-large"})
    void recommends_a_best_option_and_four_alternatives(String model) {
        Recommendation r = bench.recommend(model);
        assertThat(r.alternatives()).as(model).hasSize(4);
        assertThat(r.best().offering().live()).isTrue();
        assertThat(r.alternatives()).allSatisfy(s -> assertThat(s.offering().live()).isTrue());
    }

    @Test
    void a_flat_best_region_gets_no_cleanest_hour_and_the_insight_says_why() {
        // Sweden Central maps to SE-SE3, for which no hourly data exists
        Recommendation flat = bench.recommend(ai.carbonbench.core.score.RecommendationRequest.builder("gpt-4o")
                .region("azure-openai/swedencentral").build());
        assertThat(flat.best().offering().region().zone().profile().flat()).isTrue();
        assertThat(flat.cleanestHour()).isEmpty();
        assertThat(flat.insight()).contains("No hourly data exists for grid zone SE-SE3");
        // France Central maps to FR, whose 2023 hourly shape is in the catalog
        Recommendation hourly = bench.recommend(ai.carbonbench.core.score.RecommendationRequest.builder("gpt-4o")
                .region("azure-openai/francecentral").build());
        assertThat(hourly.cleanestHour()).isPresent();
    }
}
