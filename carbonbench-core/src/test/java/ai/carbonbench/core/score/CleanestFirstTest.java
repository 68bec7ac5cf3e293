package ai.carbonbench.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.Fixtures;
import ai.carbonbench.core.catalog.OfferingKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CleanestFirstTest {

    private final CarbonBench bench = Fixtures.benchAtNoon();
    private static final Comparator<Score> ORDER = CleanestFirst.order(s -> s, Comparator.comparing(
            (Score s) -> s.offering().key().toString()));

    private Score score(String provider, String region, String model) {
        return bench.score(OfferingKey.of(provider, region, model));
    }

    private Score at(String provider, String region, double gramsPerKwh) {
        return bench.scoreWithIntensity(OfferingKey.of(provider, region, "small-8b"), gramsPerKwh);
    }

    @Test
    void offerings_of_one_model_are_compared_on_the_intensity_range_alone() {
        Score east = score("cloud", "east-1", "small-8b"); // Z-DIRTY 400, alternative Z-ALT 100
        Score us = score("api", "us", "small-8b");
        Range r = CleanestFirst.comparableRange(east, us);
        double central = east.gramsPerMillionTokens().central();
        assertThat(r.central()).isEqualTo(central);
        assertThat(r.low()).isCloseTo(central * 100 / 400, within(1e-12));
        assertThat(r.high()).isCloseTo(central, within(1e-12));
        // The full range is wider: it includes the model's energy range.
        assertThat(east.gramsPerMillionTokens().low()).isLessThan(r.low());
    }

    @Test
    void offerings_of_different_models_are_compared_on_their_full_ranges() {
        Score small = score("cloud", "central-1", "small-8b");
        Score big = score("cloud", "central-1", "big-70b");
        assertThat(CleanestFirst.comparableRange(small, big)).isEqualTo(small.gramsPerMillionTokens());
        assertThat(CleanestFirst.sameModel(small, big)).isFalse();
        assertThat(CleanestFirst.basis(small, big)).contains("energy uncertainty included");
    }

    @Test
    void an_undisclosed_cheaper_offering_never_beats_a_lower_central_value_by_price() {
        Score east = score("cloud", "east-1", "small-8b"); // PUE 1.0, $0.25 blended
        Score us = score("api", "us", "small-8b"); // PUE 1.5, location unknown, $0.10 blended
        assertThat(us.usdPerMillionTokens()).isLessThan(east.usdPerMillionTokens());
        List<Score> list = new ArrayList<>(List.of(us, east));
        list.sort(ORDER);
        assertThat(list).containsExactly(east, us);
        assertThat(CleanestFirst.tied(east, us)).isTrue();
        assertThat(CleanestFirst.rule(east, us)).isEqualTo(CleanestFirst.Rule.LOWER_CENTRAL);
    }

    @Test
    void a_common_energy_range_does_not_make_a_tie() {
        Score cloud = score("cloud", "north-1", "small-8b"); // Z-CLEAN, PUE 1.0
        Score api = score("api", "north-1", "small-8b"); // Z-CLEAN, PUE 1.5
        assertThat(cloud.gramsPerMillionTokens().overlaps(api.gramsPerMillionTokens())).isTrue();
        assertThat(CleanestFirst.tied(cloud, api)).isFalse();
        assertThat(CleanestFirst.rule(cloud, api)).isEqualTo(CleanestFirst.Rule.CLEARLY_LOWER);
    }

    @Test
    void equal_central_values_are_decided_by_price_then_by_the_callers_tie_breaker() {
        Score north = at("cloud", "north-1", 100); // $0.375 blended
        Score central = at("cloud", "central-1", 100); // $0.375 blended
        Score east = at("cloud", "east-1", 100); // $0.25 blended
        assertThat(north.gramsPerMillionTokens().central()).isEqualTo(east.gramsPerMillionTokens().central());
        List<Score> list = new ArrayList<>(List.of(north, central, east));
        list.sort(ORDER);
        assertThat(list).containsExactly(east, central, north); // price, then the key order given above
        assertThat(CleanestFirst.rule(east, central)).isEqualTo(CleanestFirst.Rule.LOWER_COST);
        assertThat(CleanestFirst.rule(central, north)).isEqualTo(CleanestFirst.Rule.SAME_CARBON_AND_COST);
    }

    @Test
    void intensity_only_ranges_stay_valid_despite_rounding() {
        // 249.92 × 568 / 568 rounds to 249.92000000000002: the range must still hold its central value.
        for (int tenths = 1; tenths <= 10_000; tenths++) {
            Score s = at("cloud", "east-1", tenths / 10.0);
            Range r = CleanestFirst.intensityOnly(s);
            assertThat(r.central()).isEqualTo(s.gramsPerMillionTokens().central());
        }
    }
}
