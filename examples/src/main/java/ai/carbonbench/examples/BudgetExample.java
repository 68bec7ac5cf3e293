package ai.carbonbench.examples;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.Usage;
import ai.carbonbench.router.budget.BudgetExceededException;
import ai.carbonbench.router.budget.BudgetPeriod;
import ai.carbonbench.router.budget.BudgetedCall;
import ai.carbonbench.router.budget.BudgetedRouter;
import ai.carbonbench.router.budget.CarbonBudget;
import ai.carbonbench.router.budget.OverBudget;
import ai.carbonbench.router.report.EmissionsReport;
import ai.carbonbench.router.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

/**
 * A carbon budget per tenant: each tenant may emit 0.5 g of CO2e a month through the router; a call that would
 * overspend is refused with the budget, its use and its reset time. The use is kept in a directory, so a restart
 * continues the month; the report at the end is the per-tenant export for disclosure (CSV). Offline: the calls
 * are a stand-in that reports tokens.
 */
public final class BudgetExample {

    private BudgetExample() {
    }

    public static void main(String[] args) throws Exception {
        Path state = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("carbonbench-budget");
        try (CarbonBench cb = CarbonBench.create()) {
            CarbonRouter<String> router = CarbonRouter.<String>builder(cb)
                    .endpoint(OfferingKey.of("aws-bedrock", "us-east-1", "gpt-oss-120b"), "virginia")
                    .endpoint(OfferingKey.of("aws-bedrock", "eu-north-1", "gpt-oss-120b"), "stockholm")
                    .build();
            CarbonBudget monthly = CarbonBudget.builder("tenant-monthly", 0.5, BudgetPeriod.calendarMonth(ZoneOffset.UTC))
                    .overBudget(OverBudget.reject())
                    .store(StateStore.directory(state))
                    .build();
            EmissionsReport report = EmissionsReport.create(BudgetPeriod.calendarMonth(ZoneOffset.UTC), cb.boundary());
            BudgetedRouter<String> budgeted = BudgetedRouter.of(router, monthly).withReport(report);

            for (int i = 1; i <= 400; i++) {
                String tenant = i % 4 == 0 ? "globex" : "acme";
                try {
                    // the prompt's tokens and the call's max output tokens: the budget reserves for these
                    budgeted.call(BudgetedCall.of(tenant).withEstimate(2_000, 1_000), client -> "answer from " + client,
                            answer -> Usage.of(1_800, 700));
                } catch (BudgetExceededException e) {
                    System.out.println("Call " + i + " refused: " + e.getMessage());
                    break;
                }
            }
            System.out.println(monthly.usage("acme"));
            System.out.println(monthly.usage("globex"));
            System.out.println("State kept in " + state + "; run again with that directory to continue the month.");
            System.out.println();
            System.out.println(report.toCsv());
        }
    }
}
