package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.TokenMix;
import org.junit.jupiter.api.Test;

final class ScorerRoundingTest {

    @Test
    void the_mean_of_equal_intensities_over_three_regions_stays_within_its_range() {
        Catalog catalog = Catalog.embedded();
        // A cross-region offering served from three regions.
        Offering o = catalog.offering(OfferingKey.of("aws-bedrock", "us-east-1", "llama-3.1-70b"));
        assertThat(o.executionRegions()).hasSize(3);
        // 0.1 + 0.1 + 0.1 = 0.30000000000000004, and / 3 = 0.10000000000000002 > 0.1: Range used to throw.
        assertThat((0.1 + 0.1 + 0.1) / 3).isGreaterThan(0.1);
        Score s = new Scorer(catalog, TokenMix.DEFAULT, ai.carbonbench.core.catalog.ObservedSpeeds.create(),
                ai.carbonbench.core.score.Boundary.GPU).score(o, Fixtures.NOON,
                zone -> new GridIntensity(zone, 0.1, Fixtures.NOON, "test", false, Provenance.OVERRIDE));
        assertThat(s.intensityGramsPerKwh().central()).isEqualTo(0.1);
        assertThat(s.intensityGramsPerKwh().low()).isEqualTo(0.1);
        assertThat(s.intensityGramsPerKwh().high()).isEqualTo(0.1);
    }
}
