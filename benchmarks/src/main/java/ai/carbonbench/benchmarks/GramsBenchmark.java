package ai.carbonbench.benchmarks;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Range;
import java.time.Instant;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The per-call accounting path: {@code grams(key, 500, 1000)} on the embedded catalog, one thread.
 * Target: at most 100 ns on a hit of the per-hour memo, allocating only the returned range
 * ({@code gramsCentral}: nothing). {@code rescoreEveryCall} is the path before the memo (look up,
 * resolve this hour's intensity, build a Score) for comparison.
 *
 * <p>The keys rotate over a handful of offerings of different shape (single region, cross-region,
 * alternative zones) so that the hit path is not a single-entry best case. {@code gramsLive} does the
 * same with a live Electricity Maps source (against the loopback {@link GridApiStub}, every zone
 * loaded): a hit then also asks the source's cache for the current value of each zone the score used.
 *
 * <p>Run: {@code mvn -q -B package -pl benchmarks -am -DskipTests && java -jar benchmarks/target/benchmarks.jar GramsBenchmark -prof gc}
 */
@State(Scope.Thread)
@Threads(1)
public class GramsBenchmark extends BenchmarkSettings {

    private CarbonBench bench;
    private OfferingKey[] keys;
    private int next;

    @Setup
    public void setUp() {
        bench = CarbonBench.create();
        keys = keys(bench);
        for (OfferingKey k : keys) {
            bench.score(k); // fill the memo
        }
    }

    /** Eight offerings spread over the catalog, always including the example; {@link GramsCpuLoop} uses them too. */
    static OfferingKey[] keys(CarbonBench bench) {
        List<OfferingKey> all = bench.catalog().offerings().stream().map(o -> o.key()).toList();
        OfferingKey[] keys = new OfferingKey[8];
        keys[0] = OfferingKey.of("together", "us", "llama-3.1-70b");
        for (int i = 1; i < keys.length; i++) {
            keys[i] = all.get(i * all.size() / keys.length);
        }
        return keys;
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    private OfferingKey key() {
        int i = next;
        next = (i + 1) & 7;
        return keys[i];
    }

    @Benchmark
    public Range grams() {
        return bench.grams(key(), 500, 1000);
    }

    @Benchmark
    public double gramsCentral() {
        return bench.gramsCentral(key(), 500, 1000);
    }

    /** A CarbonBench with a live source whose cache holds every zone. */
    @State(Scope.Benchmark)
    public static class Live {
        GridApiStub stub;
        CarbonBench bench;

        @Setup
        public void setUp() throws Exception {
            stub = new GridApiStub();
            bench = CarbonBench.builder()
                    .gridSource(stub.source().build())
                    .awaitLiveData(java.time.Duration.ofSeconds(60))
                    .build();
        }

        @TearDown
        public void tearDown() {
            bench.close();
            stub.close();
        }
    }

    @Benchmark
    public Range gramsLive(Live live) {
        return live.bench.grams(key(), 500, 1000);
    }

    @Benchmark
    public Range rescoreEveryCall() {
        return bench.scoreAt(key(), Instant.now()).gramsFor(500, 1000);
    }
}
