package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.ObservedSpeeds;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.catalog.SpeedBasis;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Score;
import ai.carbonbench.core.score.SortOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Speeds observed by the application beat the catalog's figures, and export as a catalog overlay. */
final class ObservedSpeedsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final OfferingKey TOGETHER = OfferingKey.of("together", "us", "llama-3.1-70b");

    private final ObservedSpeeds observed = ObservedSpeeds.create(2, CLOCK);
    private final CarbonBench bench = CarbonBench.builder().clock(CLOCK).observedSpeeds(observed).build();

    private Score row(List<Score> rows, OfferingKey key) {
        return rows.stream().filter(s -> s.offering().key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void the_catalog_figure_holds_until_enough_calls_are_observed() {
        observed.record(TOGETHER, 100, Duration.ofSeconds(1));
        Score s = bench.score(TOGETHER);
        assertThat(s.offering().speed().orElseThrow().basis()).isEqualTo(SpeedBasis.MEASURED_REFERENCE);
        assertThat(s.tokensPerSecond().getAsDouble()).isEqualTo(44.58);
    }

    @Test
    void an_observed_speed_replaces_the_catalog_figure_for_that_endpoint_only() {
        observed.record(TOGETHER, 100, Duration.ofSeconds(1));
        observed.record(TOGETHER, 300, Duration.ofSeconds(1));
        observed.record(TOGETHER, 0, Duration.ofSeconds(5)); // no output: says nothing about speed
        List<Score> rows = bench.leaderboard(LeaderboardQuery.builder().model("llama-3.1-70b").build());
        Score together = row(rows, TOGETHER);
        assertThat(together.tokensPerSecond().getAsDouble()).isEqualTo(400.0 / 2.0);
        assertThat(together.offering().speed().orElseThrow().basis()).isEqualTo(SpeedBasis.OBSERVED);
        Score groq = row(rows, OfferingKey.of("groq", "us", "llama-3.1-70b"));
        assertThat(groq.offering().speed().map(x -> x.basis())).isNotEqualTo(java.util.Optional.of(SpeedBasis.OBSERVED));
    }

    @Test
    void sorting_by_speed_puts_offerings_without_a_figure_last() {
        List<Score> rows = bench.leaderboard(LeaderboardQuery.builder().model("llama-3.3-70b").model("gemini-2.5-flash")
                .sort(SortOrder.SPEED).build());
        int firstUnknown = rows.size();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).tokensPerSecond().isEmpty()) {
                firstUnknown = Math.min(firstUnknown, i);
            } else {
                assertThat(i).as("known speed after an unknown one").isLessThan(firstUnknown);
                if (i > 0) {
                    assertThat(rows.get(i).tokensPerSecond().getAsDouble())
                            .isLessThanOrEqualTo(rows.get(i - 1).tokensPerSecond().getAsDouble());
                }
            }
        }
        assertThat(firstUnknown).isBetween(1, rows.size() - 1);
        assertThat(rows.get(0).tokensPerSecond().getAsDouble()).isEqualTo(280.0); // Groq, vendor-stated
    }

    @Test
    void exports_an_overlay_that_a_catalog_loads(@TempDir Path dir) throws Exception {
        observed.record(TOGETHER, 250, Duration.ofMillis(500));
        observed.record(TOGETHER, 250, Duration.ofMillis(1500));
        Path overlay = dir.resolve("observed.json");
        Files.writeString(overlay, observed.toOverlay(bench.catalog()));

        Catalog merged = Catalog.embedded().overlay(overlay);
        Offering o = merged.offering(TOGETHER);
        assertThat(o.speed().orElseThrow().basis()).isEqualTo(SpeedBasis.OBSERVED);
        assertThat(o.speed().orElseThrow().tokensPerSecond()).isEqualTo(500.0 / 2.0);
        assertThat(o.speed().orElseThrow().date()).isEqualTo("2026-12-01");
        assertThat(o.price()).isEqualTo(Catalog.embedded().offering(TOGETHER).price());
        assertThat(merged.allOfferings()).hasSameSizeAs(Catalog.embedded().allOfferings());
    }
}
