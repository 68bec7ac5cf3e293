package ai.carbonbench.core.catalog;

import java.util.Objects;

/**
 * A zone's annual-average grid carbon intensity, consumption-based.
 *
 * @param lifecycleGramsPerKwh life-cycle gCO2e per kWh
 * @param directGramsPerKwh    direct (combustion) gCO2e per kWh
 * @param year                 the year averaged
 * @param source               where the figures come from
 */
public record AnnualIntensity(double lifecycleGramsPerKwh, double directGramsPerKwh, int year, Source source) {

    public AnnualIntensity {
        Checks.nonNegative("lifecycleGramsPerKwh", lifecycleGramsPerKwh);
        Checks.nonNegative("directGramsPerKwh", directGramsPerKwh);
        Objects.requireNonNull(source, "source");
    }

    public double gramsPerKwh(EmissionFactor factor) {
        return factor == EmissionFactor.DIRECT ? directGramsPerKwh : lifecycleGramsPerKwh;
    }
}
