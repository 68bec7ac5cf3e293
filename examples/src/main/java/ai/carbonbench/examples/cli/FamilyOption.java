package ai.carbonbench.examples.cli;

import ai.carbonbench.core.catalog.Family;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --family F}, shared (as a picocli mixin) by {@code models} and {@code leaderboard}. */
final class FamilyOption {

    @Option(names = "--family", paramLabel = "F",
            description = "Only this model family (llama, gpt, claude, mistral, gemma, qwen, deepseek, phi, falcon, cohere, gemini).")
    String id;

    /** The family asked for, or empty for every family; an unknown id is an error that lists the valid ones. */
    Optional<Family> family() {
        return Optional.ofNullable(id).map(i -> Family.fromId(i).orElseThrow(() -> new IllegalArgumentException(
                "unknown family '" + i + "'; valid: " + Arrays.stream(Family.values()).map(Family::id).toList())));
    }
}
