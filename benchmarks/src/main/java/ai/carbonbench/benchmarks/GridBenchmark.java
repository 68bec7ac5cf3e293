package ai.carbonbench.benchmarks;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.ElectricityMapsSource;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Score;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cached read of a zone's live grid intensity (issue 13 item 2 target: at most 60 ns/op and 0 B/op, at
 * least 3 forks), alone and from two threads at once on two zones ({@code contended}), and the same value
 * as it reaches a caller through {@link CarbonBench#score(OfferingKey)}. With the system ticker a cached
 * read answers from the precomputed answer that the shared freshness timer marks due: no clock read. The source is a real
 * {@link ElectricityMapsSource} (Caffeine caches, HTTP client, refresh machinery) pointed at an
 * in-process loopback emulator ({@link GridApiStub}); the zone is prefetched in setup, so every measured
 * read is a cache hit and no refresh falls due during the run (default refresh interval 15 min).
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar GridBenchmark -prof gc}
 *
 * <p>The stalled-upstream latency test (8 threads, upstream answering after 10 s) is the separate main
 * class {@link StalledUpstreamLatency}.
 */
@State(Scope.Benchmark)
@Measurement(iterations = 4, time = 1)
public class GridBenchmark extends BenchmarkSettings {

    /** aws-bedrock eu-central-1 is on zone DE in the embedded catalog. */
    static final OfferingKey DE_OFFERING = OfferingKey.of("aws-bedrock", "eu-central-1", "gpt-oss-120b");
    static final String ZONE = "DE";
    static final String OTHER_ZONE = "FR";

    private GridApiStub stub;
    private GridIntensitySource source;
    private CarbonBench carbonBench;

    @Setup
    public void setUp() throws Exception {
        stub = new GridApiStub();
        source = stub.source().build();
        Catalog catalog = Catalog.embedded();
        carbonBench = CarbonBench.builder().catalog(catalog).gridSource(source).build();
        source.prefetch(List.of(ZONE, OTHER_ZONE)).get(30, TimeUnit.SECONDS);
        requireLive(source, carbonBench, DE_OFFERING, ZONE);
    }

    /** Fails setup unless the zone is served live from the cache, so that the benchmark measures that path. */
    static void requireLive(GridIntensitySource source, CarbonBench cb, OfferingKey key, String zone) {
        Optional<GridIntensity> g = source.current(zone);
        if (g.isEmpty() || g.get().provenance() != Provenance.LIVE) {
            throw new IllegalStateException("zone " + zone + " is not cached live: " + g);
        }
        Score s = cb.score(key);
        if (s.provenance() != Provenance.LIVE || !s.zone().equals(zone)) {
            throw new IllegalStateException("the facade does not score " + key + " from the live value: " + s);
        }
    }

    @TearDown
    public void tearDown() {
        carbonBench.close(); // closes the source: its pool and HTTP client
        stub.close();
    }

    /** {@code GridIntensitySource.current(zone)} on a cached zone: the "cached read". */
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

    /** The whole facade path for an offering on that zone: catalog lookup, live read, energy x intensity. */
    @Benchmark
    public Score facadeScore() {
        return carbonBench.score(DE_OFFERING);
    }
}
