package ai.carbonbench.benchmarks;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.ElectricityMapsSource;
import ai.carbonbench.core.grid.GridIntensitySource;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.score.Score;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3's "stalled upstream" test: scores through the {@link CarbonBench} facade while every live refresh
 * is stuck on an upstream that answers after 10 s. Target: no read waits on the network; p99 under 10 µs.
 *
 * <p>Set-up: a real {@link ElectricityMapsSource} on the in-process loopback emulator {@link GridApiStub},
 * refresh intervals of 200 ms (so that refreshes fall due during the run), request timeout 30 s (so that
 * the stalled refreshes stay in flight instead of failing). Zones {@code DE} and {@code GB} are loaded,
 * the JIT is warmed with three healthy rounds, then the emulator starts delaying every answer by 10 s,
 * the refresh interval passes, and 8 threads each score 10,000 times (alternating an eu-central-1 and an
 * eu-west-2 offering), timing every call with {@code System.nanoTime()}. The first reads of the stalled
 * round are the ones that start the (stalled) refreshes; the round is over long before any of them could
 * answer. The last healthy round is reported alongside for comparison.
 *
 * <p>Run (after {@code mvn -B -q -pl benchmarks -am package -DskipTests}):
 * {@code java -cp benchmarks/target/benchmarks.jar ai.carbonbench.benchmarks.StalledUpstreamLatency}.
 * It takes a few seconds and exits on its own: it closes the facade (and so the source's threads) and
 * stops the emulator, interrupting the answers it still holds. Latencies include whatever the OS
 * scheduler and GC do to 8 threads on the machine's cores, so the maximum shows scheduling and GC
 * pauses, not the network; the GC count per round is printed to tell them apart.
 */
public final class StalledUpstreamLatency {

    static final int THREADS = 8;
    static final int CALLS_PER_THREAD = 10_000;
    static final long STALL_MILLIS = 10_000;
    static final Duration REFRESH = Duration.ofMillis(200);
    static final OfferingKey DE = OfferingKey.of("aws-bedrock", "eu-central-1", "gpt-oss-120b");
    static final OfferingKey GB = OfferingKey.of("aws-bedrock", "eu-west-2", "gpt-oss-120b");

    private StalledUpstreamLatency() {
    }

    public static void main(String[] args) throws Exception {
        long exitStart;
        try (GridApiStub stub = new GridApiStub()) {
            GridIntensitySource source = stub.source()
                    .refreshLatestAfter(REFRESH).refreshHistoryAfter(REFRESH).refreshForecastAfter(REFRESH)
                    .requestTimeout(Duration.ofSeconds(30)).build();
            try (CarbonBench cb = CarbonBench.builder().catalog(Catalog.embedded()).gridSource(source).build()) {
                source.prefetch(List.of("DE", "GB")).get(30, TimeUnit.SECONDS);
                GridBenchmark.requireLive(source, cb, DE, "DE");
                GridBenchmark.requireLive(source, cb, GB, "GB");

                Round healthy = null;
                for (int i = 0; i < 3; i++) {
                    healthy = round(cb); // JIT warm-up; the last one is reported
                }

                stub.delay(STALL_MILLIS);
                Thread.sleep(REFRESH.toMillis() * 2); // every cached value is now due for a refresh
                int receivedBefore = stub.received();
                Round stalled = round(cb);
                int refreshesSent = stub.received() - receivedBefore;
                int stuck = stub.inFlight();
                Provenance after = cb.score(DE).provenance();

                System.out.printf(Locale.ROOT, "%d threads x %,d CarbonBench.score() calls, live source on a loopback emulator%n",
                        THREADS, CALLS_PER_THREAD);
                System.out.println(Round.HEADER);
                System.out.println(healthy.row("upstream healthy"));
                System.out.println(stalled.row("upstream stalled 10 s"));
                System.out.printf(Locale.ROOT, "stalled round: %d refresh request(s) sent during the round, %d still unanswered at its end;"
                        + " provenance after the round: %s%n", refreshesSent, stuck, after);
                if (stalled.wallNanos >= TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS) || refreshesSent == 0) {
                    System.out.println("WARNING: the round did not run while refreshes were stalled; the result proves nothing");
                }
                exitStart = System.nanoTime();
            }
        }
        System.out.printf(Locale.ROOT, "closed source and emulator in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exitStart));
    }

    /** One round: {@link #THREADS} threads released together, each timing {@link #CALLS_PER_THREAD} scores. */
    static Round round(CarbonBench cb) throws Exception {
        long[][] latencies = new long[THREADS][CALLS_PER_THREAD];
        double[] sinks = new double[THREADS];
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                long[] mine = latencies[id];
                double sink = 0;
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    OfferingKey key = ((i + id) & 1) == 0 ? DE : GB;
                    long t0 = System.nanoTime();
                    Score s = cb.score(key);
                    mine[i] = System.nanoTime() - t0;
                    sink += s.intensityGramsPerKwh().central();
                }
                sinks[id] = sink;
            }, "scorer-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        long gcBefore = gcCount();
        start.await();
        long t0 = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - t0;
        long[] all = new long[THREADS * CALLS_PER_THREAD];
        for (int t = 0; t < THREADS; t++) {
            System.arraycopy(latencies[t], 0, all, t * CALLS_PER_THREAD, CALLS_PER_THREAD);
        }
        Arrays.sort(all);
        if (Arrays.stream(sinks).sum() <= 0) {
            throw new IllegalStateException("no intensity was read");
        }
        return new Round(all, wall, gcCount() - gcBefore);
    }

    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    record Round(long[] sorted, long wallNanos, long gcs) {
        static final String HEADER = String.format(Locale.ROOT, "%-22s %9s %9s %9s %9s %10s %10s %9s %4s",
                "", "calls", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs", "wall ms", "GCs");

        long percentile(double p) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }

        String row(String label) {
            return String.format(Locale.ROOT, "%-22s %9d %9.2f %9.2f %9.2f %10.2f %10.1f %9d %4d", label, sorted.length,
                    percentile(0.50) / 1e3, percentile(0.90) / 1e3, percentile(0.99) / 1e3, percentile(0.999) / 1e3,
                    sorted[sorted.length - 1] / 1e3, TimeUnit.NANOSECONDS.toMillis(wallNanos), gcs);
        }
    }
}
