package ai.carbonbench.examples.cli;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.catalog.Offering;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.score.Constraints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of a deferrable job, shared (as a picocli mixin) by {@code window} and {@code schedule}: the model,
 * how long the job runs, when it must be finished, and whether it must stay in the EU.
 */
final class JobOptions {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model id or alias, e.g. llama-3.1-70b.")
    String model;

    @Option(names = "--duration", required = true, paramLabel = "D",
            description = "Expected job duration: 2h, 90m, 1h30m or ISO-8601 (PT2H).")
    String duration;

    @Option(names = "--deadline", required = true, paramLabel = "TIME",
            description = "When the job must be finished, ISO-8601 with offset, e.g. 2026-12-01T06:00Z.")
    String deadline;

    @Option(names = "--eu-only", description = "Only regions in EU member states.")
    boolean euOnly;

    Duration jobDuration() {
        return Subcommand.duration("--duration", duration);
    }

    Instant deadlineInstant() {
        return Subcommand.instant(deadline);
    }

    /** The offerings of the model the job may run on (EU only if asked); an error when there are none. */
    List<OfferingKey> candidates(CarbonBench cb) {
        List<OfferingKey> candidates = cb.catalog().offeringsOf(model).stream()
                .filter(o -> Constraints.NONE.withEuOnly(euOnly).placeViolation(o).isEmpty())
                .map(Offering::key).toList();
        if (candidates.isEmpty()) {
            throw new CarbonBenchException("No offering of " + cb.catalog().model(model).id()
                    + (euOnly ? " runs only in the EU" : " in the catalog"), false);
        }
        return candidates;
    }
}
