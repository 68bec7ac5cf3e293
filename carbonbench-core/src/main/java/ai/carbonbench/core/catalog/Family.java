package ai.carbonbench.core.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The model families of the catalog. {@link #id()} is the lower-case name used in JSON and the CLI. */
public enum Family {
    LLAMA("Llama"),
    GPT("GPT"),
    CLAUDE("Claude"),
    MISTRAL("Mistral"),
    GEMMA("Gemma"),
    QWEN("Qwen"),
    DEEPSEEK("DeepSeek"),
    PHI("Phi"),
    FALCON("Falcon"),
    COHERE("Cohere"),
    GEMINI("Gemini");

    private final String displayName;

    Family(String displayName) {
        this.displayName = displayName;
    }

    /** Lower-case id, e.g. {@code llama}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String displayName() {
        return displayName;
    }

    /** The family with this id or display name, ignoring case. */
    public static Optional<Family> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equalsIgnoreCase(id.trim())).findFirst();
    }
}
