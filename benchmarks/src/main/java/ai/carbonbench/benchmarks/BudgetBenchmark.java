package ai.carbonbench.benchmarks;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.Usage;
import ai.carbonbench.router.budget.BudgetPeriod;
import ai.carbonbench.router.budget.BudgetedCall;
import ai.carbonbench.router.budget.BudgetedRouter;
import ai.carbonbench.router.budget.CarbonBudget;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What a budget adds to a routed call: {@code CarbonRouter.call} against {@code BudgetedRouter.call} (reserve
 * before, settle and persist to the in-memory store after), with every thread charging one key (contended) or
 * a key of its own. The call itself does nothing, so the difference is the budget's overhead. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar BudgetBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Threads(2)
public class BudgetBenchmark extends BenchmarkSettings {

    /** Keys the threads charge: 1 = all on one key. */
    @Param({"1", "64"})
    int keys;

    private CarbonRouter<String> router;
    private BudgetedRouter<String> budgeted;
    private BudgetedCall[] calls;
    private final AtomicInteger next = new AtomicInteger();

    @Setup
    public void setUp() {
        CarbonBench cb = CarbonBench.create();
        router = CarbonRouter.<String>builder(cb)
                .endpoint(OfferingKey.of("aws-bedrock", "us-east-1", "gpt-oss-120b"), "us")
                .endpoint(OfferingKey.of("aws-bedrock", "eu-north-1", "gpt-oss-120b"), "se")
                .build();
        budgeted = BudgetedRouter.of(router, CarbonBudget.builder("bench", 1e12, BudgetPeriod.rollingDay()).build());
        calls = new BudgetedCall[keys];
        for (int i = 0; i < keys; i++) {
            calls[i] = BudgetedCall.of("key-" + i).withEstimate(1_000, 500);
        }
    }

    @State(Scope.Thread)
    public static class PerThread {
        int key;

        @Setup
        public void setUp(BudgetBenchmark b) {
            key = b.next.getAndIncrement() % b.keys;
        }
    }

    @Benchmark
    public String routed() {
        return router.call(c -> c, r -> Usage.of(1_000, 400));
    }

    @Benchmark
    public String budgeted(PerThread t) {
        return budgeted.call(calls[t.key], c -> c, r -> Usage.of(1_000, 400)).result();
    }
}
