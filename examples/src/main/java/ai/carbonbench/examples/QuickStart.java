package ai.carbonbench.examples;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Recommendation;
import ai.carbonbench.core.score.RecommendationRequest;
import ai.carbonbench.core.score.Score;
import java.util.List;
import java.util.Locale;

/**
 * Queries CarbonBench programmatically on the embedded catalog: a leaderboard, a recommendation and
 * the grams of one call. Runs offline.
 *
 * <p>{@code java -cp examples/target/carbonbench.jar ai.carbonbench.examples.QuickStart}
 */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) {
        try (CarbonBench cb = CarbonBench.create()) {
            // 1. The five cleanest ways to run any Llama model in the EU right now (anywhere, when none runs in the EU).
            LeaderboardQuery.Builder llama = LeaderboardQuery.builder().family(ai.carbonbench.core.catalog.Family.LLAMA)
                    .limit(5);
            List<Score> rows = cb.leaderboard(llama.euOnly(true).build());
            System.out.println(rows.isEmpty() ? "No Llama offering runs in EU regions only; the five cleanest anywhere:"
                    : "The five cleanest ways to run a Llama model in the EU:");
            if (rows.isEmpty()) {
                rows = cb.leaderboard(llama.euOnly(false).build());
            }
            for (Score s : rows) {
                System.out.printf(Locale.ROOT, "  %-16s %-28s %8.3g gCO2e/Mtok  $%.2f/Mtok%n", s.offering().model().id(),
                        s.offering().provider().id() + "/" + s.offering().region().id(),
                        s.gramsPerMillionTokens().central(), s.usdPerMillionTokens());
            }

            // 2. Where to run Llama 3.1 70B, within a budget.
            Recommendation r = cb.recommend(RecommendationRequest.builder("llama-3.1-70b")
                    .maxUsdPerMillionTokens(1.0).build());
            System.out.println();
            System.out.println("Where to run Llama 3.1 70B for at most $1 per million tokens:");
            System.out.println(r.insight());

            // 3. What one call emitted: 1,200 prompt tokens, 300 generated tokens.
            Range grams = cb.grams(r.best().offering().key(), 1_200, 300);
            System.out.printf(Locale.ROOT, "%nOne call on %s: %.4f g CO2e (%.4f–%.4f)%n",
                    r.best().offering().key(), grams.central(), grams.low(), grams.high());

            // Any offering can be named directly; unknown ids name the closest valid ones.
            OfferingKey key = r.best().offering().key();
            System.out.printf(Locale.ROOT, "Grid now: %.0f gCO2e/kWh (%s)%n",
                    cb.score(key).intensityGramsPerKwh().central(), cb.score(key).provenance());
        }
    }
}
