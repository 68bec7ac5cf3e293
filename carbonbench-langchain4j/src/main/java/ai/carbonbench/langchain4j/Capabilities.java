package ai.carbonbench.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What a set of candidates has in common. */
final class Capabilities {

    private Capabilities() {
    }

    /** The capabilities in every set; empty when any set is empty or {@code null}. */
    static Set<Capability> common(List<Set<Capability>> each) {
        EnumSet<Capability> out = EnumSet.allOf(Capability.class);
        for (Set<Capability> s : each) {
            if (s == null || s.isEmpty()) {
                return Set.of();
            }
            out.retainAll(s);
        }
        return Set.copyOf(out);
    }

    /** The one provider all report, or {@link ModelProvider#OTHER}. */
    static ModelProvider commonProvider(List<ModelProvider> each) {
        ModelProvider first = each.isEmpty() ? null : each.get(0);
        for (ModelProvider p : each) {
            if (p == null || p != first) {
                return ModelProvider.OTHER;
            }
        }
        return first == null ? ModelProvider.OTHER : first;
    }
}
