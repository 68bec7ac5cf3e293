package ai.carbonbench.core.catalog;

import java.util.Arrays;
import java.util.Objects;

/**
 * A zone's typical day: mean grid intensity for each UTC hour. A {@linkplain #flat() flat} profile
 * means no hourly data exists and every hour carries the annual average. Immutable.
 */
public final class DailyProfile {

    /** Hours in a profile. */
    public static final int HOURS = 24;

    private final boolean flat;
    private final double[] lifecycle;
    private final double[] direct;
    private final String years;
    private final Source source;

    private DailyProfile(boolean flat, double[] lifecycle, double[] direct, String years, Source source) {
        this.flat = flat;
        this.lifecycle = lifecycle;
        this.direct = direct;
        this.years = years;
        this.source = source;
    }

    /** A profile from hourly data; index 0 is 00:00–01:00 UTC. */
    public static DailyProfile hourly(double[] lifecycleByUtcHour, double[] directByUtcHour, String years,
            Source source) {
        return new DailyProfile(false, checked("lifecycleByUtcHour", lifecycleByUtcHour),
                checked("directByUtcHour", directByUtcHour), Objects.requireNonNull(years, "years"),
                Objects.requireNonNull(source, "source"));
    }

    /** A flat profile at the annual average: there is no hourly data for the zone. */
    public static DailyProfile flat(AnnualIntensity annual) {
        double[] lifecycle = new double[HOURS];
        double[] direct = new double[HOURS];
        Arrays.fill(lifecycle, annual.lifecycleGramsPerKwh());
        Arrays.fill(direct, annual.directGramsPerKwh());
        return new DailyProfile(true, lifecycle, direct, String.valueOf(annual.year()), annual.source());
    }

    private static double[] checked(String field, double[] values) {
        Objects.requireNonNull(values, field);
        if (values.length != HOURS) {
            throw new IllegalArgumentException(field + " must hold 24 values, had " + values.length);
        }
        for (int h = 0; h < HOURS; h++) {
            Checks.nonNegative(field + "[" + h + "]", values[h]);
        }
        return values.clone();
    }

    /** True when no hourly data exists and the profile repeats the annual average. */
    public boolean flat() {
        return flat;
    }

    /** Mean intensity at this UTC hour (0–23). */
    public double gramsPerKwh(int utcHour, EmissionFactor factor) {
        if (utcHour < 0 || utcHour >= HOURS) {
            throw new IllegalArgumentException("utcHour must be 0..23, was " + utcHour);
        }
        return (factor == EmissionFactor.DIRECT ? direct : lifecycle)[utcHour];
    }

    /** A copy of the 24 hourly values. */
    public double[] values(EmissionFactor factor) {
        return (factor == EmissionFactor.DIRECT ? direct : lifecycle).clone();
    }

    /** Which years were averaged, e.g. {@code 2023-2024}. */
    public String years() {
        return years;
    }

    public Source source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DailyProfile p && p.flat == flat && Arrays.equals(p.lifecycle, lifecycle)
                && Arrays.equals(p.direct, direct) && p.years.equals(years) && p.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flat, Arrays.hashCode(lifecycle), Arrays.hashCode(direct), years, source);
    }

    @Override
    public String toString() {
        return "DailyProfile[" + (flat ? "flat" : "hourly " + years) + ", source=" + source.id() + "]";
    }
}
