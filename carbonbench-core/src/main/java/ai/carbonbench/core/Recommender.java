package ai.carbonbench.core;

import ai.carbonbench.core.catalog.Model;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.score.CleanestFirst;
import ai.carbonbench.core.score.DailyCurve;
import ai.carbonbench.core.score.Recommendation;
import ai.carbonbench.core.score.Score;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds a {@link Recommendation} and its plain-English insight from a carbon-sorted list of scores. */
final class Recommender {

    static final int ALTERNATIVES = 4;

    private Recommender() {
    }

    static Recommendation recommend(Model model, List<Score> byCarbon, DailyCurve bestCurve) {
        Score best = byCarbon.get(0);
        Score worst = byCarbon.get(byCarbon.size() - 1);
        List<Score> alternatives = byCarbon.subList(1, Math.min(byCarbon.size(), 1 + ALTERNATIVES));
        double median = median(byCarbon);
        double bestG = best.gramsPerMillionTokens().central();
        double worstG = worst.gramsPerMillionTokens().central();
        double vsMedian = median - bestG;
        double vsWorst = worstG - bestG;
        // Tied on what differs between the two (CleanestFirst): the order stands, the insight says no clear winner.
        boolean overlap = byCarbon.size() > 1 && CleanestFirst.tied(best, byCarbon.get(1));
        Optional<DailyCurve.Point> cleanest = bestCurve.flat() ? Optional.empty() : Optional.of(bestCurve.minimum());
        String insight = insight(model, byCarbon, median, overlap, bestCurve);
        return new Recommendation(model, best, alternatives, byCarbon.size(), median, worst,
                percent(vsMedian, median), vsMedian, percent(vsWorst, worstG), vsWorst, cleanest, overlap, insight);
    }

    private static double percent(double saving, double of) {
        return of == 0 ? 0 : saving / of * 100;
    }

    static double median(List<Score> scores) {
        double[] g = scores.stream().mapToDouble(s -> s.gramsPerMillionTokens().central()).sorted().toArray();
        int n = g.length;
        return n % 2 == 1 ? g[n / 2] : (g[n / 2 - 1] + g[n / 2]) / 2;
    }

    private static String insight(Model model, List<Score> byCarbon, double median, boolean overlap, DailyCurve curve) {
        Score best = byCarbon.get(0);
        StringBuilder s = new StringBuilder();
        s.append("Run ").append(model.name()).append(" on ").append(where(best.offering())).append(": about ")
                .append(grams(best.gramsPerMillionTokens().central())).append(" gCO2e per million tokens (range ")
                .append(grams(best.gramsPerMillionTokens().low())).append("–")
                .append(grams(best.gramsPerMillionTokens().high())).append(").");
        if (byCarbon.size() == 1) {
            s.append(" It is the only option that meets the constraints.");
        } else {
            Score worst = byCarbon.get(byCarbon.size() - 1);
            double bestG = best.gramsPerMillionTokens().central();
            s.append(" That is ").append(pct(median - bestG, median)).append(" below the median of ")
                    .append(byCarbon.size()).append(" options (").append(grams(median)).append(" g) and ")
                    .append(pct(worst.gramsPerMillionTokens().central() - bestG, worst.gramsPerMillionTokens().central()))
                    .append(" below the worst (").append(where(worst.offering())).append(", ")
                    .append(grams(worst.gramsPerMillionTokens().central())).append(" g).");
            if (overlap) {
                Score second = byCarbon.get(1);
                s.append(" Its range overlaps that of ").append(where(second.offering()));
                if (CleanestFirst.sameModel(best, second)) {
                    s.append(" on what differs between them (grid intensity, PUE and location; the model's energy"
                            + " uncertainty is common to both)");
                }
                s.append(", so the data cannot call a clear winner between the two; ");
                switch (CleanestFirst.rule(best, second)) {
                    case LOWER_COST -> s.append("their central estimates are equal and it is cheaper, at ")
                            .append(usd(best.usdPerMillionTokens())).append(" per million tokens.");
                    case SAME_CARBON_AND_COST -> s.append("their central estimates are equal and both cost ")
                            .append(usd(best.usdPerMillionTokens())).append(" per million tokens.");
                    default -> {
                        s.append("it ranks first on its lower central estimate (").append(grams(bestG))
                                .append(" g against ").append(grams(second.gramsPerMillionTokens().central())).append(" g)");
                        if (second.usdPerMillionTokens() < best.usdPerMillionTokens()) {
                            s.append("; ").append(where(second.offering())).append(" is cheaper at ")
                                    .append(usd(second.usdPerMillionTokens()))
                                    .append(", but price decides only between equal central estimates.");
                        } else if (second.usdPerMillionTokens() == best.usdPerMillionTokens()) {
                            s.append("; both cost ").append(usd(best.usdPerMillionTokens())).append(" per million tokens.");
                        } else {
                            s.append(" and is also cheaper, at ").append(usd(best.usdPerMillionTokens()))
                                    .append(" per million tokens.");
                        }
                    }
                }
            }
            Score cheapest = byCarbon.stream().min(Comparator.comparingDouble(Score::usdPerMillionTokens)).orElseThrow();
            if (best.usdPerMillionTokens() <= cheapest.usdPerMillionTokens()) {
                s.append(" It is also the cheapest option, at ").append(usd(best.usdPerMillionTokens()))
                        .append(" per million tokens.");
            } else {
                if (overlap) {
                    // the overlap sentence has already given the best option's price
                    s.append(" The cheapest option is ").append(where(cheapest.offering())).append(", at ")
                            .append(usd(cheapest.usdPerMillionTokens())).append(".");
                } else {
                    s.append(" It costs ").append(usd(best.usdPerMillionTokens())).append(" per million tokens, against ")
                            .append(usd(cheapest.usdPerMillionTokens())).append(" for the cheapest (")
                            .append(where(cheapest.offering())).append(").");
                }
            }
        }
        if (curve.flat()) {
            s.append(" No hourly data exists for grid zone ").append(curve.zone())
                    .append(", so its annual average applies at every hour.");
        } else if (curve.points().stream().anyMatch(p -> p.provenance() == ai.carbonbench.core.grid.Provenance.FORECAST)) {
            // A forecast can put the minimum on another day, so name the date, not only the hour.
            DailyCurve.Point min = curve.minimum();
            s.append(" Its grid (").append(curve.zone()).append(") is forecast to be cleanest at ")
                    .append(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                            .format(min.at().atOffset(java.time.ZoneOffset.UTC)))
                    .append(" UTC (").append(grams(min.gramsPerKwh())).append(" g/kWh against an average of ")
                    .append(grams(curve.averageGramsPerKwh())).append(" over the next ").append(curve.points().size())
                    .append(" hours).");
        } else {
            DailyCurve.Point min = curve.minimum();
            s.append(" Its grid (").append(curve.zone()).append(") is cleanest around ")
                    .append(String.format(Locale.ROOT, "%02d:00", min.utcHour())).append(" UTC (")
                    .append(grams(min.gramsPerKwh())).append(" g/kWh against a daily average of ")
                    .append(grams(curve.averageGramsPerKwh())).append(").");
        }
        if (best.offering().crossRegion()) {
            s.append(" This is a cross-region offering: the call may run in any of ")
                    .append(best.offering().executionRegions().size()).append(" regions, and its range covers them all.");
        }
        return s.toString();
    }

    private static String where(Offering o) {
        String city = o.region().city().isBlank() ? "" : ", " + o.region().city();
        return o.provider().name() + " " + o.region().id() + " (" + o.region().country() + city + ")";
    }

    private static String pct(double saving, double of) {
        return String.format(Locale.ROOT, "%.0f%%", percent(saving, of));
    }

    private static String usd(double usd) {
        return String.format(Locale.ROOT, "$%.2f", usd);
    }

    /** Three significant digits, no exponent: 4.52, 45.2, 452, 4520. */
    static String grams(double g) {
        if (g == 0) {
            return "0";
        }
        int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(g))));
        return new java.math.BigDecimal(g).setScale(Math.min(digits, 6), java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
