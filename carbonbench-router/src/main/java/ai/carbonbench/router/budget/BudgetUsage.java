package ai.carbonbench.router.budget;

import ai.carbonbench.core.catalog.Checks;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One key's use of a {@link CarbonBudget} at one moment, in whole micrograms of CO2e (central estimates, as
 * the ledger records them).
 *
 * @param budget             the budget's name
 * @param key                the key (tenant, team, feature, …)
 * @param limitMicrograms    the budget per period
 * @param usedMicrograms     settled use counted in the current period
 * @param reservedMicrograms held by calls in flight
 * @param periodStart        the start of the earliest use counted
 * @param resetAt            when some of the counted use stops counting
 */
public record BudgetUsage(String budget, String key, long limitMicrograms, long usedMicrograms,
        long reservedMicrograms, Instant periodStart, Instant resetAt) {

    public BudgetUsage {
        Checks.nonNull("budget, key, periodStart, resetAt", budget, key, periodStart, resetAt);
    }

    public double limitGrams() {
        return limitMicrograms / 1e6;
    }

    public double usedGrams() {
        return usedMicrograms / 1e6;
    }

    public double reservedGrams() {
        return reservedMicrograms / 1e6;
    }

    /** Grams still available, counting reservations; negative once overspent. */
    public double remainingGrams() {
        return (limitMicrograms - usedMicrograms - reservedMicrograms) / 1e6;
    }

    /** Settled use at or over the limit. */
    public boolean exhausted() {
        return usedMicrograms >= limitMicrograms;
    }

    /** Exact decimal grams, e.g. {@code 12.000345}. */
    static String grams(long micrograms) {
        return BigDecimal.valueOf(micrograms, 6).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return "budget '" + budget + "' for key '" + key + "': " + grams(usedMicrograms) + " g used"
                + (reservedMicrograms > 0 ? " (+" + grams(reservedMicrograms) + " g reserved)" : "") + " of "
                + grams(limitMicrograms) + " g since " + periodStart + "; resets at " + resetAt;
    }
}
