package ai.carbonbench.router.budget;

import ai.carbonbench.core.catalog.Checks;
import java.util.Objects;

/**
 * What a {@link BudgetedRouter} does with a call for which a budget has no room left (the grams settled plus
 * those reserved plus this call's reservation exceed the limit). Chosen per budget.
 */
public sealed interface OverBudget {

    /** Refuse the call with a {@link BudgetExceededException} (not retriable before its reset time). The default. */
    static OverBudget reject() {
        return Reject.INSTANCE;
    }

    /**
     * Make the call, but only on endpoints of the requested model at or under this carbon (central grams per
     * million tokens); refuse it when none qualifies. The call's grams still count, so the budget is a soft
     * limit under this action.
     */
    static OverBudget capCarbon(double maxGramsPerMillionTokens) {
        return new CapCarbon(maxGramsPerMillionTokens);
    }

    /**
     * Make the call on an endpoint serving an allowed substitute of the requested model (e.g. an 8B instead of
     * a 70B), when the caller's {@link QualityFloor} accepts substitutes; refuse it otherwise. The call's grams
     * still count, so the budget is a soft limit under this action.
     */
    static OverBudget substitute(SubstitutionPolicy policy) {
        return new Substitute(policy);
    }

    /**
     * Refuse the call now with a retriable {@link BudgetExceededException} whose {@code resetAt()} says when
     * to try again; deferrable work should go to a {@code CarbonScheduler} given this budget, which plans it
     * after the reset.
     */
    static OverBudget defer() {
        return Defer.INSTANCE;
    }

    /** See {@link #reject()}. */
    enum Reject implements OverBudget { INSTANCE }

    /** See {@link #defer()}. */
    enum Defer implements OverBudget { INSTANCE }

    /** See {@link #capCarbon(double)}. */
    record CapCarbon(double maxGramsPerMillionTokens) implements OverBudget {
        public CapCarbon {
            Checks.nonNegative("maxGramsPerMillionTokens", maxGramsPerMillionTokens);
        }
    }

    /** See {@link #substitute(SubstitutionPolicy)}. */
    record Substitute(SubstitutionPolicy policy) implements OverBudget {
        public Substitute {
            Objects.requireNonNull(policy, "policy");
        }
    }
}
