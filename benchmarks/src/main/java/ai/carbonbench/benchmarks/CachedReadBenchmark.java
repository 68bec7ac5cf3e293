package ai.carbonbench.benchmarks;

import ai.carbonbench.core.grid.ElectricityMapsSource;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.Provenance;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 13 item 2: a cached {@code current(zone)} read, target at most 60 ns and 0 B/op. The source is a
 * real {@link ElectricityMapsSource} (Caffeine, HTTP client, refresh machinery, freshness timer) against
 * the loopback emulator {@link GridApiStub}; the zones are prefetched in setup, so every measured read is a
 * cache hit. With the system ticker the read answers from the precomputed answer that the shared freshness
 * timer marks due, so it reads no clock. {@code contended} reads two zones from two threads at once.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar
 * CachedReadBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(3)
public class CachedReadBenchmark {

    static final String ZONE = "DE";
    static final String OTHER_ZONE = "FR";

    private GridApiStub stub;
    private GridIntensitySource source;

    @Setup
    public void setUp() throws Exception {
        stub = new GridApiStub();
        source = ElectricityMapsSource.builder().apiKey("benchmark-key").baseUrl(stub.baseUrl()).build();
        source.prefetch(List.of(ZONE, OTHER_ZONE)).get(30, TimeUnit.SECONDS);
        for (String zone : List.of(ZONE, OTHER_ZONE)) {
            Optional<GridIntensity> g = source.current(zone);
            if (g.isEmpty() || g.get().provenance() != Provenance.LIVE) {
                throw new IllegalStateException("zone " + zone + " is not cached live: " + g);
            }
        }
    }

    @TearDown
    public void tearDown() {
        source.close();
        stub.close();
    }

    /** One thread, one cached zone. */
    @Benchmark
    public Optional<GridIntensity> cachedCurrent() {
        return source.current(ZONE);
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public Optional<GridIntensity> contendedA() {
        return source.current(ZONE);
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public Optional<GridIntensity> contendedB() {
        return source.current(OTHER_ZONE);
    }
}
