package ai.carbonbench.examples.cli;

import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.RecommendationRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where and when an answer may look, shared (as a picocli mixin) by {@code leaderboard} and {@code recommend}: the
 * providers and regions allowed, EU-only data residency, and the time to answer for.
 */
final class PlaceOptions {

    @Option(names = "--provider", paramLabel = "P", split = ",", description = "Only these providers (comma-separated).")
    List<String> providers = new ArrayList<>();

    @Option(names = "--region", paramLabel = "R", split = ",",
            description = "Only these regions (comma-separated; id or provider/id).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--eu-only", description = "Only regions in EU member states.")
    boolean euOnly;

    @Mixin
    AtOption at;

    LeaderboardQuery.Builder applyTo(LeaderboardQuery.Builder q) {
        providers.forEach(q::provider);
        regions.forEach(q::region);
        at.instant().ifPresent(q::at);
        return q.euOnly(euOnly);
    }

    RecommendationRequest.Builder applyTo(RecommendationRequest.Builder r) {
        providers.forEach(r::provider);
        regions.forEach(r::region);
        at.instant().ifPresent(r::at);
        return r.euOnly(euOnly);
    }
}
