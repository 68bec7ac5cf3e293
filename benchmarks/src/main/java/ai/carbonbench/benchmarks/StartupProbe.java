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
        // -Dprobe.cpu=true: report the main thread's CPU time (robust on a busy machine) instead of wall time.
        java.lang.management.ThreadMXBean threads = Boolean.getBoolean("probe.cpu")
                ? java.lang.management.ManagementFactory.getThreadMXBean() : null;
        java.util.function.LongSupplier clock = threads != null ? threads::getCurrentThreadCpuTime : System::nanoTime;
        long t0 = clock.getAsLong();
        try (CarbonBench cb = CarbonBench.create()) {
            long t1 = clock.getAsLong();
            double grams = cb.grams(OfferingKey.of("together", "us", "llama-3.1-70b"), 500, 1000).central();
            long t2 = clock.getAsLong();
            System.out.println(grams + " gCO2e");
            if (Boolean.getBoolean("probe.phases") || threads != null) {
                System.out.printf("%s: create %.1f ms, first grams %.1f ms%n", threads != null ? "main-thread CPU" : "wall", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            }
        }
    }
}
