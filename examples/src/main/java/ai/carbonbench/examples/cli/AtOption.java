package ai.carbonbench.examples.cli;

import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --at TIME}, shared (as a picocli mixin) by the commands that can answer for another time than now. */
final class AtOption {

    @Option(names = "--at", paramLabel = "TIME", description = "Answer for this UTC time instead of now, e.g. 2026-12-01T03:00Z.")
    String at;

    /** The time asked for, or empty for now; a clear error for text that is not a UTC time. */
    Optional<Instant> instant() {
        return Optional.ofNullable(at).map(Subcommand::instant);
    }
}
