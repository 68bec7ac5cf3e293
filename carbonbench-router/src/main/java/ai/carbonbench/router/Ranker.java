package ai.carbonbench.router;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.CleanestFirst;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Ranks endpoints by a {@link RoutingPolicy}. Pure: the inputs are this moment's scores, which endpoints
 * are usable, ranked down or excluded, and their latencies; the output is an order, the {@link CleanestFirst}
 * rule that decided, and a reason that is put into words only when someone reads it.
 */
final class Ranker {

    private Ranker() {
    }

    /** One endpoint as the ranker sees it. */
    record Candidate(int index, OfferingKey key, Score score, OptionalDouble latencyMillis, boolean rankedDown) {
        Candidate(int index, OfferingKey key, Score score, OptionalDouble latencyMillis) {
            this(index, key, score, latencyMillis, false);
        }

        double carbon() {
            return score.gramsPerMillionTokens().central();
        }

        double cost() {
            return score.usdPerMillionTokens();
        }

        double latencyOrMax() {
            return latencyMillis.isPresent() ? latencyMillis.getAsDouble() : Double.POSITIVE_INFINITY;
        }

        RoutingDecision.Option option() {
            return new RoutingDecision.Option(key, index, score, latencyMillis);
        }
    }

    /** An endpoint left out of the ranking; its words are built only when a reason is read. */
    record Excluded(OfferingKey key, String why, long coolingUntilMillis) {
        String describe() {
            return key + " (" + (why != null ? why : "cooling down until " + Instant.ofEpochMilli(coolingUntilMillis))
                    + ")";
        }

        /** Appends each endpoint's {@link #describe()}, separated by "; ". */
        static StringBuilder describe(StringBuilder sb, List<Excluded> excluded) {
            for (int i = 0; i < excluded.size(); i++) {
                sb.append(i > 0 ? "; " : "").append(excluded.get(i).describe());
            }
            return sb;
        }
    }

    /**
     * The ranked candidates, the rule that put the first before the runner-up (lowest-carbon objective only),
     * whether that was a tie on carbon ranges, and the weighted values (weighted objective only).
     */
    record Ranking(Candidate[] ranked, Optional<CleanestFirst.Rule> rule, boolean tieBroken, double[] weights) {
    }

    private static final Comparator<Candidate> BY_INDEX = Comparator.comparingInt(Candidate::index);
    private static final Comparator<Candidate> BY_LATENCY = Comparator.comparingDouble(Candidate::latencyOrMax);
    private static final Comparator<Candidate> BY_CARBON = Comparator.comparingDouble(Candidate::carbon);
    private static final Comparator<Candidate> BY_COST = Comparator.comparingDouble(Candidate::cost);
    /** An endpoint ranked down by a slow call goes after every endpoint that is not. */
    private static final Comparator<Candidate> HEALTH = (a, b) -> Boolean.compare(a.rankedDown, b.rankedDown);
    private static final Comparator<Candidate> CLEANEST = HEALTH.thenComparing(
            CleanestFirst.order(Candidate::score, BY_LATENCY.thenComparing(BY_INDEX)));
    private static final Comparator<Candidate> CHEAPEST = HEALTH.thenComparing(
            BY_COST.thenComparing(BY_CARBON).thenComparing(BY_LATENCY).thenComparing(BY_INDEX));

    /** Ranks usable endpoints ({@code candidates} non-empty; sorted in place). */
    static Ranking rank(RoutingPolicy policy, Candidate[] candidates) {
        switch (policy.objective()) {
            case LOWEST_CARBON -> {
                Arrays.sort(candidates, CLEANEST);
                Candidate best = candidates[0];
                if (candidates.length == 1) {
                    return new Ranking(candidates, Optional.empty(), false, null);
                }
                Candidate second = candidates[1];
                if (second.rankedDown != best.rankedDown) {
                    return new Ranking(candidates, Optional.empty(), false, null);
                }
                CleanestFirst.Rule rule = CleanestFirst.rule(best.score, second.score);
                return new Ranking(candidates, Optional.of(rule), rule != CleanestFirst.Rule.CLEARLY_LOWER, null);
            }
            case LOWEST_COST -> {
                Arrays.sort(candidates, CHEAPEST);
                return new Ranking(candidates, Optional.empty(), false, null);
            }
            case WEIGHTED -> {
                double[] value = weighted(Arrays.asList(candidates), policy.weights());
                Integer[] idx = new Integer[candidates.length];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = i;
                }
                Candidate[] copy = candidates.clone();
                Arrays.sort(idx, Comparator.<Integer, Boolean>comparing(i -> copy[i].rankedDown)
                        .thenComparingDouble(i -> value[i])
                        .thenComparingDouble(i -> copy[i].carbon())
                        .thenComparingInt(i -> copy[i].index()));
                double[] sortedValues = new double[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    candidates[i] = copy[idx[i]];
                    sortedValues[i] = value[idx[i]];
                }
                return new Ranking(candidates, Optional.empty(), false, sortedValues);
            }
            default -> throw new IllegalStateException("unknown objective " + policy.objective());
        }
    }

    /**
     * The reason for a ranking in words. Called lazily, the first time a decision's reason is read.
     *
     * @param baseline the first declared endpoint, for the saving figure
     * @param excluded endpoints left out (constraints, cooling down), appended to the reason
     */
    static String explain(RoutingPolicy policy, Ranking ranking, Candidate baseline, List<Excluded> excluded) {
        Candidate[] ranked = ranking.ranked();
        Candidate best = ranked[0];
        StringBuilder reason = new StringBuilder(256);
        switch (policy.objective()) {
            case LOWEST_CARBON -> explainCarbon(reason, ranking);
            case LOWEST_COST -> reason.append(best.key()).append(" is the cheapest at $").append(f2(best.cost()))
                    .append("/Mtok, ").append(describe(best.score()));
            case WEIGHTED -> {
                RoutingPolicy.Weights w = policy.weights();
                reason.append(best.key()).append(" has the best weighted score (carbon ").append(num(w.carbon()))
                        .append(", cost ").append(num(w.cost())).append(", latency ").append(num(w.latency()))
                        .append("; each relative to the worst) of ").append(String.format(Locale.ROOT, "%.3f",
                                ranking.weights()[0]))
                        .append(": ").append(describe(best.score()))
                        .append(best.latencyMillis().isPresent()
                                ? String.format(Locale.ROOT, ", %.0f ms observed", best.latencyMillis().getAsDouble())
                                : ", no latency observed yet");
                if (ranked.length > 1) {
                    reason.append("; next is ").append(ranked[1].key()).append(" at ")
                            .append(String.format(Locale.ROOT, "%.3f", ranking.weights()[1]));
                }
            }
            default -> throw new IllegalStateException("unknown objective " + policy.objective());
        }
        List<String> down = new ArrayList<>();
        for (Candidate c : ranked) {
            if (c.rankedDown()) {
                down.add(c.key().toString());
            }
        }
        if (!down.isEmpty()) {
            reason.append(". Ranked down after a slow call: ").append(String.join(", ", down));
        }
        if (baseline != null && baseline.index() != best.index()) {
            double base = baseline.carbon();
            double saved = base - best.carbon();
            reason.append(". Against the baseline ").append(baseline.key()).append(" (").append(f1(base))
                    .append(" g/Mtok): ").append(saved >= 0 ? "saves " : "costs ")
                    .append(String.format(Locale.ROOT, "%.0f%%", base == 0 ? 0 : Math.abs(saved) / base * 100));
        } else if (baseline != null) {
            reason.append(". It is the baseline (first declared)");
        }
        if (!excluded.isEmpty()) {
            Excluded.describe(reason.append(". Excluded: "), excluded);
        }
        return reason.append('.').toString();
    }

    private static void explainCarbon(StringBuilder reason, Ranking ranking) {
        Candidate[] ranked = ranking.ranked();
        Candidate best = ranked[0];
        if (ranking.rule().isEmpty()) {
            reason.append(best.key()).append(ranked.length == 1 ? " is the only usable endpoint: "
                    : " has the lowest carbon among the endpoints not ranked down: ").append(describe(best.score()));
            return;
        }
        Candidate second = ranked[1];
        Score a = best.score();
        Score b = second.score();
        Range ra = CleanestFirst.comparableRange(a, b);
        Range rb = CleanestFirst.comparableRange(b, a);
        String ranges = " (" + best.key() + " " + f1(ra.low()) + "–" + f1(ra.high()) + " g/Mtok, " + second.key() + " "
                + f1(rb.low()) + "–" + f1(rb.high()) + " g/Mtok, " + CleanestFirst.basis(a, b) + ")";
        switch (ranking.rule().get()) {
            case CLEARLY_LOWER -> reason.append(best.key()).append(" has the lowest carbon: ").append(describe(a))
                    .append("; next is ").append(second.key()).append(" at ").append(f1(second.carbon()))
                    .append(" g/Mtok. Rule: clearly lower, the carbon ranges do not overlap").append(ranges);
            case LOWER_CENTRAL -> {
                reason.append(best.key()).append(" has the lowest carbon: ").append(describe(a)).append("; next is ")
                        .append(second.key()).append(" at ").append(f1(second.carbon()))
                        .append(" g/Mtok. Rule: lower central estimate; the carbon ranges overlap").append(ranges)
                        .append(", so neither is certainly cleaner, and price decides only between equal estimates");
                if (second.cost() < best.cost()) {
                    reason.append(" (").append(second.key()).append(" is cheaper at $").append(f2(second.cost()))
                            .append("/Mtok)");
                }
            }
            case LOWER_COST -> reason.append(best.key()).append(" and ").append(second.key())
                    .append(" have equal central estimates (").append(f1(best.carbon()))
                    .append(" g/Mtok). Rule: lower price; ").append(best.key()).append(" is cheaper ($")
                    .append(f2(best.cost())).append(" vs $").append(f2(second.cost())).append("/Mtok), at ")
                    .append(describe(a));
            case SAME_CARBON_AND_COST -> {
                reason.append(best.key()).append(" and ").append(second.key())
                        .append(" have equal central estimates and prices. Rule: ");
                if (best.latencyOrMax() < second.latencyOrMax()) {
                    reason.append("lower observed latency (").append(String.format(Locale.ROOT, "%.0f",
                            best.latencyOrMax())).append(" ms)");
                } else {
                    reason.append("declared order");
                }
                reason.append(", at ").append(describe(a));
            }
            default -> throw new IllegalStateException("unknown rule " + ranking.rule().get());
        }
    }

    /**
     * Weighted values: each criterion divided by its largest value among the candidates (0 = nothing,
     * 1 = the worst of them), weighted, divided by the sum of the weights. An unobserved latency counts as 0.
     */
    static double[] weighted(List<Candidate> cs, RoutingPolicy.Weights w) {
        double maxC = 0;
        double maxU = 0;
        double maxL = 0;
        for (Candidate c : cs) {
            maxC = Math.max(maxC, c.carbon());
            maxU = Math.max(maxU, c.cost());
            maxL = Math.max(maxL, c.latencyMillis().orElse(0));
        }
        double total = w.carbon() + w.cost() + w.latency();
        double[] out = new double[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            Candidate c = cs.get(i);
            out[i] = (w.carbon() * ratio(c.carbon(), maxC) + w.cost() * ratio(c.cost(), maxU)
                    + w.latency() * ratio(c.latencyMillis().orElse(0), maxL)) / total;
        }
        return out;
    }

    private static double ratio(double v, double max) {
        return max > 0 ? v / max : 0;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String describe(Score s) {
        Range g = s.gramsPerMillionTokens();
        return String.format(Locale.ROOT, "%.1f g/Mtok (range %.1f–%.1f; %s intensity %.0f g/kWh in %s), $%.2f/Mtok",
                g.central(), g.low(), g.high(), s.provenance(), s.intensityGramsPerKwh().central(), s.zone(),
                s.usdPerMillionTokens());
    }
}
