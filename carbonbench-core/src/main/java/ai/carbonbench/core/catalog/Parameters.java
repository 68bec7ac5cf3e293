package ai.carbonbench.core.catalog;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A model's parameter counts in billions. Undisclosed counts are empty; the estimate then used an
 * {@linkplain #assumedActiveBillions() assumed range}, explained by {@link #assumption()}.
 */
public record Parameters(
        OptionalDouble totalBillions,
        OptionalDouble activeBillions,
        Optional<Bounds> assumedTotalBillions,
        Optional<Bounds> assumedActiveBillions,
        Optional<String> assumption,
        Source source) {

    public Parameters {
        Checks.nonNull("totalBillions, activeBillions, assumedTotalBillions, assumedActiveBillions, assumption, source",
                totalBillions, activeBillions, assumedTotalBillions, assumedActiveBillions, assumption, source);
        totalBillions.ifPresent(v -> Checks.positive("totalBillions", v));
        activeBillions.ifPresent(v -> Checks.positive("activeBillions", v));
    }

    /** Whether the total and active counts are both public. */
    public boolean disclosed() {
        return totalBillions.isPresent() && activeBillions.isPresent();
    }

    /** A low–high pair, {@code low <= high}. */
    public record Bounds(double low, double high) {
        public Bounds {
            Checks.positive("low", low);
            Checks.positive("high", high);
            if (low > high) {
                throw new IllegalArgumentException("low must be <= high, was " + low + " > " + high);
            }
        }
    }
}
