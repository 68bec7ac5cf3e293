package ai.carbonbench.benchmarks;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.score.LeaderboardQuery;
import ai.carbonbench.core.score.Recommendation;
import ai.carbonbench.core.score.Score;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Latency of the core queries on the embedded catalog. Targets: a full leaderboard over every offering
 * in at most 1 ms; a recommendation well under that.
 *
 * <p>Run: {@code mvn -q -B package -pl benchmarks -am -DskipTests && java -jar benchmarks/target/benchmarks.jar ScoringBenchmark}
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class ScoringBenchmark extends BenchmarkSettings {

    private CarbonBench bench;
    private LeaderboardQuery all;
    private LeaderboardQuery euByCost;

    @Setup
    public void setUp() {
        bench = CarbonBench.create();
        all = LeaderboardQuery.all();
        euByCost = LeaderboardQuery.builder().euOnly(true).sort(ai.carbonbench.core.score.SortOrder.COST).limit(10).build();
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    /** Every offering scored and sorted by carbon. */
    @Benchmark
    public List<Score> leaderboardAllOfferings() {
        return bench.leaderboard(all);
    }

    /** A filtered, cost-sorted, limited leaderboard. */
    @Benchmark
    public List<Score> leaderboardEuByCost() {
        return bench.leaderboard(euByCost);
    }

    /** A recommendation for the flagship example model, including its curve and insight. */
    @Benchmark
    public Recommendation recommendLlama70b() {
        return bench.recommend("llama-3.1-70b");
    }
}
