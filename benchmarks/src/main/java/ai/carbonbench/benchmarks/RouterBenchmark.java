package ai.carbonbench.benchmarks;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.RoutingDecision;
import ai.carbonbench.router.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the router's work costs, not only a pointer read. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar RouterBenchmark -prof gc} (three forks, from {@link BenchmarkSettings}).
 *
 * <ul>
 *   <li>{@code select}: the steady state, a volatile read of the published snapshot;</li>
 *   <li>{@code selectAcrossExpiry}: the system clock and a 1 ms refresh interval, so the shared timer marks the
 *       snapshot due every millisecond and one caller re-ranks in line (rescoring every endpoint) while the
 *       others read: the amortised cost of expiry;</li>
 *   <li>{@code refresh}: rescore every endpoint and re-rank ({@code n} = 4, 20, 100);</li>
 *   <li>{@code refreshAndExplain}: the same, plus putting the reason into words, which the router defers until
 *       someone reads it;</li>
 *   <li>{@code call1}, {@code call2}, {@code call4}: {@code call()} with a no-op client and a constant usage,
 *       including the ledger's record, under 1, 2 and 4 threads ({@code callBaseline}: the bare no-op client).
 *       On a 2-core machine the 4-thread figures are time-slicing, not parallel speed-up.</li>
 * </ul>
 *
 * <p>The catalog is generated (one region and grid zone per endpoint, distinct flat intensities) so that the
 * benchmark does not depend on the embedded catalog's content.
 */
@State(Scope.Benchmark)
public class RouterBenchmark extends BenchmarkSettings {

    private static final Usage USAGE = Usage.of(1200, 300);

    @Param({"4", "20", "100"})
    int endpoints;

    private CarbonRouter<Integer> router;
    private CarbonRouter<Integer> expiring;
    private double[] gramsPerMillionTokens;

    @Setup
    public void setUp() {
        Catalog catalog = Catalog.load(writeCatalog(endpoints));
        CarbonBench cb = CarbonBench.builder().catalog(catalog).build();
        CarbonRouter.Builder<Integer> b = CarbonRouter.<Integer>builder(cb);
        CarbonRouter.Builder<Integer> e = CarbonRouter.<Integer>builder(cb).refreshInterval(Duration.ofMillis(1));
        gramsPerMillionTokens = new double[endpoints];
        for (int i = 0; i < endpoints; i++) {
            OfferingKey key = OfferingKey.of("bench", "r" + i, "bench-model");
            b.endpoint(key, i);
            e.endpoint(key, i);
            gramsPerMillionTokens[i] = cb.score(key).gramsPerMillionTokens().central();
        }
        router = b.build();
        expiring = e.build();
    }

    @Benchmark
    public RoutingDecision select() {
        return router.select();
    }

    @Benchmark
    public RoutingDecision selectAcrossExpiry() {
        return expiring.select();
    }

    @Benchmark
    public RoutingDecision refresh() {
        router.refresh();
        return router.select();
    }

    @Benchmark
    public String refreshAndExplain() {
        router.refresh();
        return router.select().reason();
    }

    @Benchmark
    @Threads(1)
    public Integer call1() {
        return router.call(c -> c, r -> USAGE);
    }

    @Benchmark
    @Threads(2)
    public Integer call2() {
        return router.call(c -> c, r -> USAGE);
    }

    @Benchmark
    @Threads(4)
    public Integer call4() {
        return router.call(c -> c, r -> USAGE);
    }

    @Benchmark
    public Integer callBaseline() {
        return noOp(endpoints);
    }

    private static Integer noOp(Integer c) {
        return c;
    }

    @Benchmark
    public int argminBaseline() {
        double[] g = gramsPerMillionTokens;
        int best = 0;
        for (int i = 1; i < g.length; i++) {
            if (g[i] < g[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A catalog with {@code n} regions of one provider, each on its own zone, and one model offered in all. */
    static Path writeCatalog(int n) {
        StringBuilder zones = new StringBuilder();
        StringBuilder regions = new StringBuilder();
        StringBuilder offerings = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String sep = i == 0 ? "" : ",";
            double intensity = 50 + (i * 37) % 700; // distinct, unordered
            zones.append(sep).append(String.format(Locale.ROOT, "{\"key\":\"Z%d\",\"name\":\"Zone %d\",\"country\":\"SE\","
                    + "\"annual\":{\"lifecycleGramsPerKwh\":%.1f,\"directGramsPerKwh\":%.1f,\"year\":2024,\"source\":\"s\"},"
                    + "\"profile\":{\"kind\":\"flat\"}}", i, i, intensity, intensity));
            regions.append(sep).append(String.format(Locale.ROOT, "{\"provider\":\"bench\",\"id\":\"r%d\",\"name\":\"Region %d\","
                    + "\"city\":\"\",\"country\":\"SE\",\"area\":\"EU\",\"zone\":\"Z%d\",\"alternativeZones\":[],"
                    + "\"zoneSource\":\"s\",\"zoneNote\":\"\"}", i, i, i));
            offerings.append(sep).append(String.format(Locale.ROOT, "{\"model\":\"bench-model\",\"provider\":\"bench\","
                    + "\"region\":\"r%d\",\"providerModelId\":\"m\",\"servedFrom\":[],\"price\":{\"usdPerMillionInput\":1.0,"
                    + "\"usdPerMillionOutput\":2.0,\"source\":\"s\",\"date\":\"2026-11-01\"},\"speed\":null,"
                    + "\"availabilitySource\":\"s\"}", i));
        }
        String json = "{\"schemaVersion\":1,\"dataVersion\":\"2026-11-30\",\"sources\":{\"s\":{\"publisher\":\"bench\","
                + "\"dataset\":\"generated\",\"year\":2026,\"licence\":\"CC0-1.0\",\"url\":\"\"}},"
                + "\"models\":[{\"id\":\"bench-model\",\"name\":\"Bench Model\",\"family\":\"llama\",\"aliases\":[],"
                + "\"parameters\":{\"totalBillions\":8,\"activeBillions\":8,\"source\":\"s\"},"
                + "\"energy\":{\"outputWhPer1kTokens\":1.0,\"low\":0.5,\"high\":2.0,\"inputWhPer1kTokens\":0.2,"
                + "\"basis\":\"measured\",\"hardware\":\"h\",\"method\":null,\"source\":\"s\",\"note\":null}}],"
                + "\"providers\":[{\"id\":\"bench\",\"name\":\"Bench\",\"pue\":1.1,\"pueSource\":\"s\","
                + "\"location\":\"disclosed\",\"locationNote\":\"\"}],"
                + "\"zones\":[" + zones + "],\"regions\":[" + regions + "],\"offerings\":[" + offerings + "]}";
        try {
            Path file = Files.createTempFile("carbonbench-bench-catalog", ".json");
            Files.writeString(file, json);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
