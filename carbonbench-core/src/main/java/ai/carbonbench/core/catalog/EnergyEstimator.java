package ai.carbonbench.core.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The catalog's one estimation method for models without a measurement ({@code energy-estimate-v2}):
 * GPU Wh per 1,000 output tokens on the ML.ENERGY H100 basis (vLLM, batch cap 64) from parameter
 * counts in billions,
 *
 * <pre>  E(Pa, W) = exp(a + b·ln Pa + c·ln W),   W = Pt × weight bits / 16</pre>
 *
 * with Pa the active and Pt the total parameters (equal for dense models), W the bf16-equivalent weight
 * size, and coefficients fitted by least squares on the measured models (docs/data.md §3.2). Estimates
 * assume 16-bit weights unless the caller says otherwise. The low–high range multiplies by the method's range factors,
 * which cover every measured model's leave-one-out residual; for undisclosed parameters the central
 * value uses the geometric midpoints of the assumed ranges and the ends use the ends.
 *
 * <p>Use it to add a model of your own to a catalog overlay on the same basis as the embedded ones.
 * Immutable and thread-safe.
 */
public final class EnergyEstimator {

    /** The method id in the catalog. */
    public static final String METHOD = "energy-estimate-v2";

    private final double a;
    private final double b;
    private final double c;
    private final double rangeFactorLow;
    private final double rangeFactorHigh;

    private EnergyEstimator(Method method) {
        this.a = method.require("coefficients.a");
        this.b = method.require("coefficients.b");
        this.c = method.require("coefficients.c");
        this.rangeFactorLow = method.require("rangeFactorLow");
        this.rangeFactorHigh = method.require("rangeFactorHigh");
    }

    /** The estimator with the coefficients of this catalog's {@value #METHOD} method. */
    public static EnergyEstimator of(Catalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        return new EnergyEstimator(catalog.method(METHOD)
                .orElseThrow(() -> new CatalogException("the catalog defines no method '" + METHOD + "'")));
    }

    /** Central GPU Wh per 1,000 output tokens for 16-bit weights, unrounded. */
    public double whPer1kOutputTokens(double activeBillions, double totalBillions) {
        return whPer1kOutputTokens(activeBillions, totalBillions, 16);
    }

    /** Central GPU Wh per 1,000 output tokens for weights served at {@code weightBits} bits, unrounded. */
    public double whPer1kOutputTokens(double activeBillions, double totalBillions, double weightBits) {
        Checks.positive("activeBillions", activeBillions);
        Checks.positive("totalBillions", totalBillions);
        Checks.positive("weightBits", weightBits);
        return Math.exp(a + b * Math.log(activeBillions) + c * Math.log(totalBillions * weightBits / 16));
    }

    /** Low, central and high Wh per 1,000 output tokens for these parameters, rounded as the catalog stores them. */
    public Estimate estimate(Parameters p) {
        return estimate(p, 16);
    }

    /** As {@link #estimate(Parameters)}, for weights served at {@code weightBits} bits (8 for FP8 checkpoints). */
    public Estimate estimate(Parameters p, double weightBits) {
        Objects.requireNonNull(p, "p");
        double lowA;
        double midA;
        double highA;
        double lowT;
        double midT;
        double highT;
        if (p.disclosed()) {
            lowA = midA = highA = p.activeBillions().getAsDouble();
            lowT = midT = highT = p.totalBillions().getAsDouble();
        } else {
            Parameters.Bounds active = p.assumedActiveBillions().orElseThrow(() -> new IllegalArgumentException(
                    "undisclosed parameters need assumedActiveBillions"));
            Parameters.Bounds total = p.assumedTotalBillions().orElse(active);
            lowA = active.low();
            highA = active.high();
            midA = Math.sqrt(lowA * highA);
            lowT = total.low();
            highT = total.high();
            midT = Math.sqrt(lowT * highT);
        }
        return new Estimate(round4(whPer1kOutputTokens(lowA, lowT, weightBits) * rangeFactorLow),
                round4(whPer1kOutputTokens(midA, midT, weightBits)),
                round4(whPer1kOutputTokens(highA, highT, weightBits) * rangeFactorHigh));
    }

    /** Four significant digits, half away from zero: how the catalog stores every Wh figure. */
    static double round4(double x) {
        return new BigDecimal(x).round(new MathContext(4, RoundingMode.HALF_UP)).doubleValue();
    }

    /**
     * An estimate of GPU Wh per 1,000 output tokens.
     *
     * @param low     low end
     * @param central central value
     * @param high    high end
     */
    public record Estimate(double low, double central, double high) {
    }
}
