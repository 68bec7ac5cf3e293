package ai.carbonbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.catalog.OfferingKey;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The first answer of a fresh JVM ({@code CarbonBench.create()} and one {@code grams()}) loads no more
 * than it needs: no Jackson data binding (the catalog is read with the streaming parser), no logging
 * set-up, no cache or refresh threads when there is no live source. Checked by class loading in a
 * child JVM, not by time, so it holds on a busy machine; the timings are in benchmarks/startup.sh.
 */
final class StartupClassesTest {

    /** What the child JVM runs. */
    public static final class FirstAnswer {
        public static void main(String[] args) {
            try (CarbonBench cb = CarbonBench.create()) {
                System.out.println(cb.grams(OfferingKey.of("together", "us", "llama-3.1-70b"), 500, 1000).central());
            }
        }
    }

    @Test
    void the_first_answer_loads_no_data_binding_logging_or_cache() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire puts a named module's classes on the module path: the child JVM takes both as its class path.
        String classPath = String.join(File.pathSeparator, System.getProperty("java.class.path"),
                System.getProperty("jdk.module.path", ""));
        Process p = new ProcessBuilder(java, "-Xshare:off", "-Xlog:class+load=info:stdout:none", "-cp", classPath,
                FirstAnswer.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> loaded = out.lines().filter(l -> l.contains(" source: ")).map(l -> l.substring(0, l.indexOf(' ')))
                .toList();

        assertThat(loaded).as("the probe ran").contains(CarbonBench.class.getName(), "ai.carbonbench.core.ScoreMemo");
        assertThat(loaded).noneMatch(c -> c.startsWith("com.fasterxml.jackson.databind.ObjectMapper"))
                .noneMatch(c -> c.startsWith("com.fasterxml.jackson.databind.deser."))
                .noneMatch(c -> c.equals("org.slf4j.LoggerFactory"))
                .noneMatch(c -> c.startsWith("com.github.benmanes.caffeine."))
                .noneMatch(c -> c.startsWith("ai.carbonbench.core.grid.FreshnessTimer"));
    }
}
