package ai.carbonbench.benchmarks;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/**
 * A companion to {@link GramsBenchmark} for a busy machine: the same calls in a plain loop, timed by the
 * thread's CPU time as well as by the wall clock. When other processes take the cores, JMH's wall-clock
 * figures mostly measure the wait; the thread's CPU time does not include it. Eight rounds; read the last.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar ai.carbonbench.benchmarks.GramsCpuLoop grams|central|rescore}
 */
public final class GramsCpuLoop {

    private static volatile double sink;

    private GramsCpuLoop() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "grams";
        int n = Integer.getInteger("n", mode.equals("rescore") ? 2_000_000 : 20_000_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (CarbonBench cb = CarbonBench.create()) {
            OfferingKey[] keys = GramsBenchmark.keys(cb);
            for (int round = 0; round < 8; round++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    OfferingKey k = keys[i & 7];
                    acc += switch (mode) {
                        case "central" -> cb.gramsCentral(k, 500, 1000);
                        case "rescore" -> cb.scoreAt(k, Instant.now()).gramsFor(500, 1000).central();
                        default -> cb.grams(k, 500, 1000).central();
                    };
                }
                sink = acc;
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long wall = System.nanoTime() - wall0;
                System.out.printf("%s round %d: %.1f ns/op thread CPU, %.1f ns/op wall%n", mode, round, cpu / (double) n,
                        wall / (double) n);
            }
        }
    }
}
