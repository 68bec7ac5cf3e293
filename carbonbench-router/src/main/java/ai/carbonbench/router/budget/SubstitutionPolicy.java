package ai.carbonbench.router.budget;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which models may stand in for which: for each model id (canonical catalog id), the substitutes allowed,
 * e.g. {@code llama-3.1-8b} for {@code llama-3.1-70b} on classification calls. A substitute is used only when
 * the caller's {@link QualityFloor} accepts it; the policy records what the caller decided is acceptable, it
 * does not judge quality. Immutable.
 */
public final class SubstitutionPolicy {

    private final Map<String, List<String>> substitutes;

    private SubstitutionPolicy(Map<String, List<String>> substitutes) {
        this.substitutes = Map.copyOf(substitutes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The substitutes allowed for {@code model}, in the order given; empty when none. */
    public List<String> substitutesFor(String model) {
        return substitutes.getOrDefault(norm(model), List.of());
    }

    /** Whether {@code candidate} may answer for {@code requested}. */
    public boolean allows(String requested, String candidate) {
        return substitutesFor(requested).contains(norm(candidate));
    }

    private static String norm(String id) {
        return Objects.requireNonNull(id, "model").trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SubstitutionPolicy" + substitutes;
    }

    /** Builds a {@link SubstitutionPolicy}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> substitutes = new LinkedHashMap<>();

        private Builder() {
        }

        /** {@code substitutes} may answer for {@code model} (adds to any given before). */
        public Builder allow(String model, String... substitutes) {
            String m = norm(model);
            List<String> list = new java.util.ArrayList<>(this.substitutes.getOrDefault(m, List.of()));
            for (String s : substitutes) {
                String sub = norm(s);
                if (sub.equals(m)) {
                    throw new IllegalArgumentException("a model cannot substitute for itself: " + m);
                }
                if (!list.contains(sub)) {
                    list.add(sub);
                }
            }
            this.substitutes.put(m, List.copyOf(list));
            return this;
        }

        public SubstitutionPolicy build() {
            return new SubstitutionPolicy(substitutes);
        }
    }
}
