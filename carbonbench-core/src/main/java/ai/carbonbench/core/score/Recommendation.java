package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.Model;
import java.util.List;
import java.util.Optional;

/**
 * The lowest-carbon way to run a model now, with up to four alternatives and what the choice saves.
 *
 * @param model                  the model
 * @param best                   the lowest-carbon option meeting the constraints
 * @param alternatives           the next options, best first (at most four)
 * @param candidates             how many options met the constraints
 * @param medianGramsPerMillionTokens median central g/Mtok over all candidates
 * @param worst                  the highest-carbon candidate
 * @param savingsVsMedianPercent (median − best) / median × 100
 * @param savingsVsMedianGramsPerMillionTokens median − best, g per million tokens
 * @param savingsVsWorstPercent  (worst − best) / worst × 100
 * @param savingsVsWorstGramsPerMillionTokens worst − best, g per million tokens
 * @param cleanestHour           the lowest point of the best region's curve: the live forecast's reach
 *                               (24 to 72 hours) when there is one, else the typical 24-hour profile; empty
 *                               when the region has neither (a flat annual average has no cleanest hour)
 * @param rangesOverlap          whether the best option and the runner-up are tied by {@link CleanestFirst}'s rule
 *                               (their compared ranges overlap): the data cannot call a clear winner
 * @param insight                a short plain-English summary assembled from the figures above
 */
public record Recommendation(Model model, Score best, List<Score> alternatives, int candidates,
        double medianGramsPerMillionTokens, Score worst, double savingsVsMedianPercent,
        double savingsVsMedianGramsPerMillionTokens, double savingsVsWorstPercent,
        double savingsVsWorstGramsPerMillionTokens, Optional<DailyCurve.Point> cleanestHour, boolean rangesOverlap,
        String insight) {

    public Recommendation {
        Checks.nonNull("model, best, worst, cleanestHour, insight", model, best, worst, cleanestHour, insight);
        alternatives = List.copyOf(alternatives);
    }
}
