package ai.carbonbench.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every benchmark here shares, in one place: average time per operation in nanoseconds,
 * three one-second warm-up and five one-second measurement iterations, three forks. JMH inherits these
 * class annotations (see its sample {@code JMHSample_24_Inheritance}); a benchmark that measures otherwise
 * says only what differs, on its own class or method.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public abstract class BenchmarkSettings {
}
