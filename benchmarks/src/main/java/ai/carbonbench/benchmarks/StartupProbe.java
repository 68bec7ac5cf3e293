package ai.carbonbench.benchmarks;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;

/**
 * The library's first answer in a fresh JVM: {@code CarbonBench.create()} and one {@code grams()}, as
 * an application that accounts one call would do. {@code benchmarks/startup.sh} times the whole
 * process; with {@code -Dprobe.phases=true} it also prints where the time went.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        try (CarbonBench cb = CarbonBench.create()) {
            long t1 = System.nanoTime();
            double grams = cb.grams(OfferingKey.of("together", "us", "llama-3.1-70b"), 500, 1000).central();
            long t2 = System.nanoTime();
            System.out.println(grams + " gCO2e");
            if (Boolean.getBoolean("probe.phases")) {
                System.out.printf("create %.1f ms, first grams %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            }
        }
    }
}
