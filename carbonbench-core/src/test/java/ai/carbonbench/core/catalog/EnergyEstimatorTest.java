package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The estimation method against the values it was fitted on: the coefficients are reproducible from
 * the catalog's own figures, the stated symmetric error factors are the real ones (leave-one-out and
 * leave-family-out, dense and MoE), the targets of docs/data.md hold, and every estimated figure in the
 * catalog is what the method gives.
 */
final class EnergyEstimatorTest {

    private static final Logger LOG = LoggerFactory.getLogger(EnergyEstimatorTest.class);

    private final Catalog catalog = Catalog.embedded();
    private final Method method = catalog.method(EnergyEstimator.METHOD).orElseThrow();
    private final EnergyEstimator estimator = EnergyEstimator.of(catalog);
    /** The catalog file as read (the tree the catalog was built from). */
    private final JsonNode raw = catalog.tree();

    /** One fit point: active parameters, bf16-equivalent weight size, Wh per 1k output tokens. */
    private record Point(Model model, double active, double weight, double wh) {
        boolean moe() {
            return model.parameters().activeBillions().getAsDouble() < model.parameters().totalBillions().getAsDouble();
        }
    }

    /** Checkpoints their authors publish in FP8 (docs/data.md §3.2). */
    private static final java.util.Set<String> NATIVE_FP8 = java.util.Set.of("deepseek-v3", "deepseek-r1", "deepseek-v3.1",
            "deepseek-r1-0528");

    /** Served weight bits: as the measured run's hardware string states them, else the published precision. */
    private static double bits(Model m) {
        String h = m.energy().hardware().toLowerCase(java.util.Locale.ROOT);
        if (h.contains("mxfp4")) {
            return 4.25;
        }
        if (h.contains("fp8") || NATIVE_FP8.contains(m.id())) {
            return 8;
        }
        return 16;
    }

    private List<Point> points() {
        List<Point> out = new ArrayList<>();
        raw.path("methods").path(EnergyEstimator.METHOD).path("fitPoints").forEach(n -> out.add(new Point(
                catalog.model(n.path("model").asText()), n.path("activeBillions").asDouble(),
                n.path("weightBillions").asDouble(), n.path("whPer1kTokens").asDouble())));
        return out;
    }

    private static double[] row(Point p) {
        return new double[] {1, Math.log(p.active()), Math.log(p.weight())};
    }

    /** Ordinary least squares of ln E on [1, ln Pa, ln W] via the 3×3 normal equations. */
    private static double[] fit(List<Point> points) {
        double[][] xtx = new double[3][3];
        double[] xty = new double[3];
        for (Point p : points) {
            double[] x = row(p);
            double y = Math.log(p.wh());
            for (int i = 0; i < 3; i++) {
                xty[i] += x[i] * y;
                for (int j = 0; j < 3; j++) {
                    xtx[i][j] += x[i] * x[j];
                }
            }
        }
        return solve(xtx, xty);
    }

    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int p = 0; p < n; p++) {
            int max = p;
            for (int i = p + 1; i < n; i++) {
                if (Math.abs(a[i][p]) > Math.abs(a[max][p])) {
                    max = i;
                }
            }
            double[] t = a[p];
            a[p] = a[max];
            a[max] = t;
            double tb = b[p];
            b[p] = b[max];
            b[max] = tb;
            for (int i = p + 1; i < n; i++) {
                double f = a[i][p] / a[p][p];
                b[i] -= f * b[p];
                for (int j = p; j < n; j++) {
                    a[i][j] -= f * a[p][j];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * x[j];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }

    private static double predict(double[] coef, Point p) {
        double[] x = row(p);
        return Math.exp(coef[0] * x[0] + coef[1] * x[1] + coef[2] * x[2]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** max(pred/meas, meas/pred): a miss by a factor of two reads 2.0 whichever way it goes. */
    private static double factor(double predicted, double measured) {
        return Math.max(predicted / measured, measured / predicted);
    }

    @Test
    void every_fit_point_is_the_catalog_figure_of_its_model() {
        List<Point> points = points();
        assertThat(points).hasSizeGreaterThanOrEqualTo(15);
        for (Point p : points) {
            Model m = p.model();
            assertThat(p.wh()).as(m.id()).isEqualTo(m.energy().outputWhPer1kTokens());
            assertThat(p.active()).as(m.id()).isEqualTo(m.parameters().activeBillions().getAsDouble());
            assertThat(p.weight()).as(m.id())
                    .isCloseTo(m.parameters().totalBillions().getAsDouble() * bits(m) / 16, within(1e-3));
            if (m.energy().basis() == Basis.ESTIMATED) {
                assertThat(m.energy().method()).as(m.id()).hasValue("b200-scaled-v1");
            }
        }
    }

    @Test
    void the_coefficients_are_the_least_squares_fit_of_the_fit_points() {
        double[] coef = fit(points());
        assertThat(coef[0]).isCloseTo(method.require("coefficients.a"), within(1e-4));
        assertThat(coef[1]).isCloseTo(method.require("coefficients.b"), within(1e-4));
        assertThat(coef[2]).isCloseTo(method.require("coefficients.c"), within(1e-4));
    }

    @Test
    void symmetric_error_factors_are_as_stated_and_meet_the_targets() {
        List<Point> all = points();
        double[] loo = new double[all.size()];
        double[] lfo = new double[all.size()];
        double minRatio = Double.MAX_VALUE;
        double maxRatio = 0;
        for (int i = 0; i < all.size(); i++) {
            Point held = all.get(i);
            List<Point> others = new ArrayList<>(all);
            others.remove(i);
            double predicted = predict(fit(others), held);
            loo[i] = factor(predicted, held.wh());
            lfo[i] = factor(predict(fit(all.stream().filter(p -> p.model().family() != held.model().family()).toList()),
                    held), held.wh());
            minRatio = Math.min(minRatio, held.wh() / predicted);
            maxRatio = Math.max(maxRatio, held.wh() / predicted);
            LOG.info("{}: measured {} Wh/1k, leave-one-out factor {}, leave-family-out factor {}", held.model().id(),
                    held.wh(), String.format("%.3f", loo[i]), String.format("%.3f", lfo[i]));
        }
        check("loo", all, loo);
        check("lfo", all, lfo);
        assertThat(median(select(all, loo, p -> !p.moe()))).as("dense leave-one-out target").isLessThanOrEqualTo(1.25);
        assertThat(median(select(all, loo, Point::moe))).as("MoE leave-one-out target").isLessThanOrEqualTo(1.5);
        assertThat(minRatio).isGreaterThanOrEqualTo(method.require("rangeFactorLow") - 1e-9);
        assertThat(maxRatio).isLessThanOrEqualTo(method.require("rangeFactorHigh") + 1e-9);
    }

    private void check(String kind, List<Point> all, double[] factors) {
        for (String group : List.of("all", "dense", "moe")) {
            Predicate<Point> sel = group.equals("all") ? p -> true : group.equals("dense") ? p -> !p.moe() : Point::moe;
            double[] v = select(all, factors, sel);
            String path = "errorFactors." + kind + "." + group;
            assertThat(median(v)).as(path + ".median").isCloseTo(method.require(path + ".median"), within(1.5e-3));
            assertThat(Arrays.stream(v).max().orElseThrow()).as(path + ".worst")
                    .isCloseTo(method.require(path + ".worst"), within(1.5e-3));
        }
    }

    private static double[] select(List<Point> all, double[] values, Predicate<Point> sel) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (sel.test(all.get(i))) {
                out.add(values[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void in_sample_every_measured_value_lies_inside_the_estimated_range() {
        for (Point p : points()) {
            EnergyEstimator.Estimate e = estimator.estimate(p.model().parameters(), bits(p.model()));
            assertThat(p.wh()).as(p.model().id()).isBetween(e.low(), e.high());
        }
    }

    @Test
    void every_estimated_figure_is_what_the_method_gives() {
        int checked = 0;
        for (Model m : catalog.models()) {
            if (!m.energy().method().equals(java.util.Optional.of(EnergyEstimator.METHOD))) {
                continue;
            }
            EnergyEstimator.Estimate e = estimator.estimate(m.parameters(), bits(m));
            assertThat(m.energy().outputWhPer1kTokens()).as(m.id() + " central").isEqualTo(e.central());
            assertThat(m.energy().lowWhPer1kTokens()).as(m.id() + " low").isEqualTo(e.low());
            assertThat(m.energy().highWhPer1kTokens()).as(m.id() + " high").isEqualTo(e.high());
            checked++;
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void input_energy_follows_the_one_input_method() {
        Method input = catalog.method("input-energy-v2").orElseThrow();
        double prefill = input.require("coefficients.prefillRatio");
        double lowToCentral = input.require("coefficients.lowToCentral");
        for (Model m : catalog.models()) {
            EnergyProfile e = m.energy();
            double expected = e.basis() == Basis.MEASURED ? prefill * e.lowWhPer1kTokens()
                    : prefill * lowToCentral * e.outputWhPer1kTokens();
            assertThat(e.inputWhPer1kTokens()).as(m.id()).isEqualTo(EnergyEstimator.round4(expected));
            assertThat(e.inputWhPer1kTokens()).as(m.id() + ": prefill is cheaper than decode")
                    .isLessThan(e.outputWhPer1kTokens());
        }
    }

    @Test
    void measured_figures_come_from_ml_energy_with_the_best_batch_as_low_end() {
        for (Point p : points()) {
            assertThat(p.model().energy().source().id()).as(p.model().id()).startsWith("mlenergy");
            assertThat(p.model().energy().lowWhPer1kTokens()).as(p.model().id())
                    .isLessThan(p.model().energy().outputWhPer1kTokens());
        }
    }
}
