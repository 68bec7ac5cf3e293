/**
 * Carbon budgets: {@code CarbonBudget} (grams per key and period, reserved before each call and settled after),
 * the {@code OverBudget} actions (reject, carbon cap, substitute a smaller model, defer), and
 * {@code BudgetedRouter}, which charges a {@code CarbonRouter}'s calls to budgets.
 */
@NullMarked
package ai.carbonbench.router.budget;

import org.jspecify.annotations.NullMarked;
