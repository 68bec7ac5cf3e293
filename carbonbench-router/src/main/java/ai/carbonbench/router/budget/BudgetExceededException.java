package ai.carbonbench.router.budget;

import ai.carbonbench.core.CarbonBenchException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A call refused because a {@link CarbonBudget} has no room left for it: names the budget, the key, its use and
 * when it resets. Retriable only under {@link OverBudget#defer()} (retry at {@link #resetAt()}); under
 * {@link OverBudget#reject()} and when a cap or substitution found no endpoint, not retriable.
 */
public class BudgetExceededException extends CarbonBenchException {

    private static final long serialVersionUID = 1L;

    private final transient BudgetUsage usage;

    public BudgetExceededException(String message, BudgetUsage usage, boolean deferred, @Nullable Throwable cause) {
        super(message, deferred, cause);
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    static BudgetExceededException of(BudgetUsage usage, boolean deferred, String why) {
        return of(usage, deferred, why, null);
    }

    static BudgetExceededException of(BudgetUsage usage, boolean deferred, String why, @Nullable Throwable cause) {
        return new BudgetExceededException("Carbon " + usage + (why.isEmpty() ? "" : "; " + why)
                + (deferred ? "; deferred until the reset" : ""), usage, deferred, cause);
    }

    /** The budget's name. */
    public String budget() {
        return usage.budget();
    }

    /** The key whose budget is spent. */
    public String key() {
        return usage.key();
    }

    /** The use when the call was refused. */
    public BudgetUsage usage() {
        return usage;
    }

    /** When some of the counted use stops counting. */
    public Instant resetAt() {
        return usage.resetAt();
    }

    /** Whether the budget's action was {@link OverBudget#defer()}: the one case in which the call is retriable. */
    public boolean deferred() {
        return retriable();
    }
}
