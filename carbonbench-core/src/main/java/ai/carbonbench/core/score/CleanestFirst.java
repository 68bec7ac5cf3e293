package ai.carbonbench.core.score;

import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one meaning of "cleanest" in CarbonBench: the order in which the leaderboard, the recommender, its
 * insight text and the router's lowest-carbon policy rank options, and the rule that says whether the data
 * can call a clear winner between two of them.
 *
 * <p><b>Order.</b> Lower central grams of CO2e per million tokens first; on equal central values, the lower
 * blended price; then a caller-given tie-breaker (the router's observed latency and declared order, the
 * leaderboard's published speed and ids). Price never overrules a lower central value, so an offering whose
 * location is undisclosed (a wide intensity range) cannot beat a disclosed one with a lower central value
 * by being cheaper.
 *
 * <p><b>What is compared.</b> Two offerings of the <em>same model</em> need the same energy per token, so
 * the model's energy uncertainty is common to both and cancels out of the comparison: they are compared on
 * what differs between them — grid intensity × PUE, with the intensity's range (alternative zones, every
 * region a cross-region offering may run in, an undisclosed location's country-wide spread), and the central
 * energy of the hardware that serves them. Offerings of <em>different models</em> are compared on their
 * full ranges, energy uncertainty included. See {@link #comparableRange(Score, Score)}.
 *
 * <p><b>Tied.</b> Two options are tied — the data cannot call a clear winner — when their compared ranges
 * share at least one value ({@code a.low <= b.high && b.low <= a.high}). A tie does not change the order;
 * it changes which {@link Rule} decided, which the reasons and insights state.
 *
 * <p>Stateless and thread-safe; nothing here allocates beyond the returned range.
 */
public final class CleanestFirst {

    private CleanestFirst() {
    }

    /** Which rule put one option before another. */
    public enum Rule {
        /** The compared ranges do not overlap: the first is clearly cleaner. */
        CLEARLY_LOWER,
        /** The compared ranges overlap (no clear winner); the lower central estimate decided. */
        LOWER_CENTRAL,
        /** Equal central estimates; the lower blended price decided. */
        LOWER_COST,
        /**
         * Equal central estimates and prices; the caller's last tie-breaker decided (the router's observed
         * latency, then declared order; the leaderboard's published speed, then ids).
         */
        SAME_CARBON_AND_COST
    }

    /**
     * The order of {@code T}s by their {@link Score}s: central grams per million tokens, then blended price,
     * then {@code thenBy}.
     */
    public static <T> Comparator<T> order(Function<? super T, Score> score, Comparator<? super T> thenBy) {
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(thenBy, "thenBy");
        return (a, b) -> {
            int c = compareCarbonThenCost(score.apply(a), score.apply(b));
            return c != 0 ? c : thenBy.compare(a, b);
        };
    }

    /** Central grams per million tokens, then blended price; 0 when both are equal. */
    private static int compareCarbonThenCost(Score a, Score b) {
        int c = Double.compare(a.gramsPerMillionTokens().central(), b.gramsPerMillionTokens().central());
        return c != 0 ? c : Double.compare(a.usdPerMillionTokens(), b.usdPerMillionTokens());
    }

    /** Whether the two options run the same model, so that its energy uncertainty is common to both. */
    public static boolean sameModel(Score a, Score b) {
        return a.offering().model().id().equals(b.offering().model().id());
    }

    /**
     * The range of {@code s} that decides against {@code other}: for the same model, the central grams spread by
     * the intensity's relative range only (the energy range being common); for different models, the full
     * range.
     */
    public static Range comparableRange(Score s, Score other) {
        return sameModel(s, other) ? intensityOnly(s) : s.gramsPerMillionTokens();
    }

    /** The central grams per million tokens, spread by the grid intensity's relative range alone. */
    public static Range intensityOnly(Score s) {
        return new Range(lowOf(s), s.gramsPerMillionTokens().central(), highOf(s));
    }

    /** Whether the data cannot call a clear winner between {@code a} and {@code b} (see the class comment). */
    public static boolean tied(Score a, Score b) {
        if (sameModel(a, b)) {
            // intensityOnly's bounds, without allocating two ranges.
            return lowOf(a) <= highOf(b) && lowOf(b) <= highOf(a);
        }
        return a.gramsPerMillionTokens().overlaps(b.gramsPerMillionTokens());
    }

    /** mid × low / central can round above mid (and mid × high / central below it): clamp. */
    private static double lowOf(Score s) {
        double mid = s.gramsPerMillionTokens().central();
        Range i = s.intensityGramsPerKwh();
        return i.central() == 0 ? mid : Math.min(mid, mid * (i.low() / i.central()));
    }

    private static double highOf(Score s) {
        double mid = s.gramsPerMillionTokens().central();
        Range i = s.intensityGramsPerKwh();
        return i.central() == 0 ? mid : Math.max(mid, mid * (i.high() / i.central()));
    }

    /**
     * The rule that puts {@code first} before {@code second}, given that the order above does. Returns
     * {@link Rule#SAME_CARBON_AND_COST} when carbon and price are equal.
     */
    public static Rule rule(Score first, Score second) {
        if (!tied(first, second)) {
            return Rule.CLEARLY_LOWER;
        }
        if (first.gramsPerMillionTokens().central() != second.gramsPerMillionTokens().central()) {
            return Rule.LOWER_CENTRAL;
        }
        if (first.usdPerMillionTokens() != second.usdPerMillionTokens()) {
            return Rule.LOWER_COST;
        }
        return Rule.SAME_CARBON_AND_COST;
    }

    /**
     * What the comparison between the two covered, in words: "from grid intensity and PUE alone, the model's
     * energy range being common to both" for the same model, "full ranges, energy uncertainty included" otherwise.
     */
    public static String basis(Score a, Score b) {
        return sameModel(a, b) ? "from grid intensity and PUE alone, the model's energy range being common to both"
                : "full ranges, energy uncertainty included";
    }
}
