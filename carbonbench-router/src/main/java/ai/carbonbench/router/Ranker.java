package ai.carbonbench.router;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Range;
import ai.carbonbench.core.score.Score;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Ranks endpoints by a {@link RoutingPolicy}. Pure: the inputs are this moment's scores, which endpoints
 * are usable, and their latencies; the output is an order and the words that explain it.
 */
final class Ranker {

    private Ranker() {
    }

    /** One endpoint as the ranker sees it. */
    record Candidate(int index, OfferingKey key, Score score, OptionalDouble latencyMillis) {
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

    /** The ranked candidates, the reason and whether a tie was broken. */
    record Ranking(List<Candidate> ranked, String reason, boolean tieBroken) {
    }

    private static final Comparator<Candidate> BY_INDEX = Comparator.comparingInt(Candidate::index);
    private static final Comparator<Candidate> BY_LATENCY = Comparator.comparingDouble(Candidate::latencyOrMax);
    private static final Comparator<Candidate> BY_CARBON = Comparator.comparingDouble(Candidate::carbon);
    private static final Comparator<Candidate> BY_COST = Comparator.comparingDouble(Candidate::cost);

    /**
     * @param candidates usable endpoints, non-empty
     * @param baseline   the first declared endpoint's option, for the reason's saving figure
     * @param excluded   human-readable exclusions ("x (cooling down)"), appended to the reason
     */
    static Ranking rank(RoutingPolicy policy, List<Candidate> candidates, Candidate baseline, List<String> excluded) {
        List<Candidate> ranked = new ArrayList<>(candidates);
        StringBuilder reason = new StringBuilder();
        boolean tie = false;
        switch (policy.objective()) {
            case LOWEST_CARBON -> {
                ranked.sort(BY_CARBON.thenComparing(BY_COST).thenComparing(BY_LATENCY).thenComparing(BY_INDEX));
                Candidate best = ranked.get(0);
                boolean sameModel = ranked.stream().allMatch(c -> c.key().model().equals(best.key().model()));
                Range bestRange = comparable(best, sameModel);
                List<Candidate> group = new ArrayList<>();
                List<Candidate> rest = new ArrayList<>();
                for (Candidate c : ranked) {
                    (comparable(c, sameModel).overlaps(bestRange) ? group : rest).add(c);
                }
                if (group.size() > 1) {
                    tie = true;
                    group.sort(BY_COST.thenComparing(BY_LATENCY).thenComparing(BY_CARBON).thenComparing(BY_INDEX));
                    ranked.clear();
                    ranked.addAll(group);
                    ranked.addAll(rest);
                    describeTie(reason, group, sameModel);
                } else {
                    reason.append(best.key()).append(" has the lowest carbon: ").append(describe(best.score()));
                    if (ranked.size() > 1) {
                        Candidate second = ranked.get(1);
                        reason.append(String.format(Locale.ROOT, "; next is %s at %.1f g/Mtok", second.key(),
                                second.carbon()));
                    }
                }
            }
            case LOWEST_COST -> {
                ranked.sort(BY_COST.thenComparing(BY_CARBON).thenComparing(BY_LATENCY).thenComparing(BY_INDEX));
                Candidate best = ranked.get(0);
                reason.append(best.key()).append(String.format(Locale.ROOT, " is the cheapest at $%.2f/Mtok, ",
                        best.cost())).append(describe(best.score()));
            }
            case WEIGHTED -> {
                RoutingPolicy.Weights w = policy.weights();
                double[] value = weighted(ranked, w);
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < ranked.size(); i++) {
                    idx.add(i);
                }
                List<Candidate> copy = List.copyOf(ranked);
                idx.sort(Comparator.<Integer>comparingDouble(i -> value[i])
                        .thenComparing(i -> copy.get(i).carbon())
                        .thenComparing(i -> copy.get(i).index()));
                ranked.clear();
                idx.forEach(i -> ranked.add(copy.get(i)));
                Candidate best = ranked.get(0);
                reason.append(best.key()).append(String.format(Locale.ROOT,
                        " has the best weighted score (carbon %s, cost %s, latency %s; each relative to the worst) of %.3f: ",
                        num(w.carbon()), num(w.cost()), num(w.latency()), value[idx.get(0)]))
                        .append(describe(best.score()))
                        .append(best.latencyMillis().isPresent()
                                ? String.format(Locale.ROOT, ", %.0f ms observed", best.latencyMillis().getAsDouble())
                                : ", no latency observed yet");
                if (ranked.size() > 1) {
                    reason.append(String.format(Locale.ROOT, "; next is %s at %.3f", ranked.get(1).key(),
                            value[idx.get(1)]));
                }
            }
            default -> throw new IllegalStateException("unknown objective " + policy.objective());
        }
        Candidate chosen = ranked.get(0);
        if (baseline != null && baseline.index() != chosen.index()) {
            double base = baseline.carbon();
            double saved = base - chosen.carbon();
            reason.append(String.format(Locale.ROOT, ". Against the baseline %s (%.1f g/Mtok): %s %.0f%%",
                    baseline.key(), base, saved >= 0 ? "saves" : "costs", base == 0 ? 0 : Math.abs(saved) / base * 100));
        } else if (baseline != null) {
            reason.append(". It is the baseline (first declared)");
        }
        if (!excluded.isEmpty()) {
            reason.append(". Excluded: ").append(String.join("; ", excluded));
        }
        return new Ranking(List.copyOf(ranked), reason.append('.').toString(), tie);
    }

    /**
     * The carbon range used to decide whether two endpoints are clearly different. When every candidate runs
     * the same model, its energy uncertainty is common to all of them and cancels out of the comparison, so
     * only the grid-intensity range (alternative zones, execution regions) counts; otherwise the full range.
     */
    static Range comparable(Candidate c, boolean sameModel) {
        Range g = c.score().gramsPerMillionTokens();
        if (!sameModel) {
            return g;
        }
        Range i = c.score().intensityGramsPerKwh();
        if (i.central() == 0) {
            return Range.exactly(g.central());
        }
        // c × low / central can round above c (and c × high / central below it): clamp to keep a valid range.
        double mid = g.central();
        return new Range(Math.min(mid, mid * i.low() / i.central()), mid,
                Math.max(mid, mid * i.high() / i.central()));
    }

    private static void describeTie(StringBuilder reason, List<Candidate> group, boolean sameModel) {
        Candidate chosen = group.get(0);
        reason.append("carbon ranges overlap (");
        for (int i = 0; i < group.size(); i++) {
            Candidate c = group.get(i);
            Range r = comparable(c, sameModel);
            if (i > 0) {
                reason.append(", ");
            }
            reason.append(String.format(Locale.ROOT, "%s %.1f–%.1f g/Mtok", c.key(), r.low(), r.high()));
        }
        reason.append(sameModel ? " from grid intensity alone, the model's energy range being common to all"
                : " including energy ranges");
        reason.append("), so none is clearly cleaner; tie broken by price, then latency: ").append(chosen.key());
        Candidate second = group.get(1);
        if (chosen.cost() < second.cost()) {
            reason.append(String.format(Locale.ROOT, " is cheaper ($%.2f vs $%.2f/Mtok)", chosen.cost(), second.cost()));
        } else if (chosen.latencyOrMax() < second.latencyOrMax()) {
            reason.append(String.format(Locale.ROOT, " costs the same and is faster (%.0f ms observed)",
                    chosen.latencyOrMax()));
        } else {
            reason.append(" costs the same and has the lower central estimate");
        }
        reason.append(" at ").append(describe(chosen.score()));
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

    static String describe(Score s) {
        Range g = s.gramsPerMillionTokens();
        return String.format(Locale.ROOT, "%.1f g/Mtok (range %.1f–%.1f; %s intensity %.0f g/kWh in %s), $%.2f/Mtok",
                g.central(), g.low(), g.high(), s.provenance(), s.intensityGramsPerKwh().central(), s.zone(),
                s.usdPerMillionTokens());
    }
}
