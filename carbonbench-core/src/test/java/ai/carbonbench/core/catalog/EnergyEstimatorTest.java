package ai.carbonbench.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The estimation method against the measured values it was fitted on: the coefficients are
 * reproducible from the catalog's own measured figures, the stated errors are the real ones, and
 * every estimated figure in the catalog is what the method gives.
 */
final class EnergyEstimatorTest {

    private static final Logger LOG = LoggerFactory.getLogger(EnergyEstimatorTest.class);

    private final Catalog catalog = Catalog.embedded();
    private final Method method = catalog.method(EnergyEstimator.METHOD).orElseThrow();
    private final EnergyEstimator estimator = EnergyEstimator.of(catalog);

    /** The models the method was fitted on, as the catalog lists them in {@code methods.energy-estimate-v1.fitModels}. */
    private List<Model> fitModels() {
        try (var in = Catalog.class.getResourceAsStream(Catalog.EMBEDDED_RESOURCE)) {
            var ids = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in)
                    .path("methods").path(EnergyEstimator.METHOD).path("fitModels");
            List<Model> out = new ArrayList<>();
            ids.forEach(id -> out.add(catalog.model(id.asText())));
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double[] row(Model m) {
        return new double[] {1, Math.log(m.parameters().activeBillions().getAsDouble()),
                Math.log(m.parameters().totalBillions().getAsDouble())};
    }

    /** Ordinary least squares of ln E on [1, ln Pa, ln Pt] via the 3×3 normal equations. */
    private static double[] fit(List<Model> models) {
        double[][] xtx = new double[3][3];
        double[] xty = new double[3];
        for (Model m : models) {
            double[] x = row(m);
            double y = Math.log(m.energy().outputWhPer1kTokens());
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

    private static double predict(double[] coef, Model m) {
        double[] x = row(m);
        return Math.exp(coef[0] * x[0] + coef[1] * x[1] + coef[2] * x[2]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Test
    void the_coefficients_are_the_least_squares_fit_of_the_measured_models() {
        List<Model> fit = fitModels();
        assertThat(fit).hasSizeGreaterThanOrEqualTo(10)
                .allMatch(m -> m.energy().basis() == Basis.MEASURED && m.parameters().disclosed());
        double[] coef = fit(fit);
        assertThat(coef[0]).isCloseTo(method.require("coefficients.a"), within(1e-4));
        assertThat(coef[1]).isCloseTo(method.require("coefficients.b"), within(1e-4));
        assertThat(coef[2]).isCloseTo(method.require("coefficients.c"), within(1e-4));
    }

    @Test
    void leave_one_out_errors_are_as_stated_and_inside_the_range_factors() {
        List<Model> fit = fitModels();
        double[] errors = new double[fit.size()];
        double minRatio = Double.MAX_VALUE;
        double maxRatio = 0;
        for (int i = 0; i < fit.size(); i++) {
            List<Model> others = new ArrayList<>(fit);
            Model held = others.remove(i);
            double predicted = predict(fit(others), held);
            double measured = held.energy().outputWhPer1kTokens();
            errors[i] = Math.abs(predicted - measured) / measured * 100;
            minRatio = Math.min(minRatio, measured / predicted);
            maxRatio = Math.max(maxRatio, measured / predicted);
            LOG.info("{}: measured {} Wh/1k, leave-one-out estimate {} ({}%)", held.id(), measured,
                    String.format("%.4f", predicted), String.format("%+.1f", (predicted - measured) / measured * 100));
        }
        double median = median(errors);
        double worst = Arrays.stream(errors).max().orElseThrow();
        LOG.info("energy-estimate-v1 leave-one-out over {} measured models: median {}%, worst {}%", fit.size(),
                String.format("%.1f", median), String.format("%.1f", worst));
        assertThat(median).isCloseTo(method.require("medianAbsErrorPercent"), within(0.1));
        assertThat(worst).isCloseTo(method.require("worstAbsErrorPercent"), within(0.1));
        assertThat(median).as("a usable method").isLessThan(25);
        assertThat(minRatio).isGreaterThanOrEqualTo(method.require("rangeFactorLow") - 1e-9);
        assertThat(maxRatio).isLessThanOrEqualTo(method.require("rangeFactorHigh") + 1e-9);
    }

    @Test
    void in_sample_every_measured_value_lies_inside_the_estimated_range() {
        for (Model m : fitModels()) {
            EnergyEstimator.Estimate e = estimator.estimate(m.parameters());
            assertThat(m.energy().outputWhPer1kTokens()).as(m.id()).isBetween(e.low(), e.high());
        }
    }

    @Test
    void every_estimated_figure_is_what_the_method_gives() {
        int checked = 0;
        for (Model m : catalog.models()) {
            if (m.energy().basis() != Basis.ESTIMATED) {
                continue;
            }
            EnergyEstimator.Estimate e = estimator.estimate(m.parameters());
            assertThat(m.energy().outputWhPer1kTokens()).as(m.id() + " central").isEqualTo(e.central());
            assertThat(m.energy().lowWhPer1kTokens()).as(m.id() + " low").isEqualTo(e.low());
            assertThat(m.energy().highWhPer1kTokens()).as(m.id() + " high").isEqualTo(e.high());
            assertThat(m.energy().method()).hasValue(EnergyEstimator.METHOD);
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void input_energy_follows_the_one_input_method() {
        double ratio = catalog.method("input-energy-v1").orElseThrow().require("coefficients.ratio");
        for (Model m : catalog.models()) {
            assertThat(m.energy().inputWhPer1kTokens()).as(m.id())
                    .isEqualTo(EnergyEstimator.round4(ratio * m.energy().outputWhPer1kTokens()));
        }
    }

    @Test
    void measured_figures_come_from_ml_energy_with_the_best_batch_as_low_end() {
        for (Model m : fitModels()) {
            assertThat(m.energy().source().id()).as(m.id()).startsWith("mlenergy");
            assertThat(m.energy().lowWhPer1kTokens()).as(m.id()).isLessThan(m.energy().outputWhPer1kTokens());
        }
    }
}
