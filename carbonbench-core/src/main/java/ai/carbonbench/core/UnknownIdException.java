package ai.carbonbench.core;

import java.util.List;

/**
 * An id (model, provider, region, zone or offering) that the catalog does not know. The message
 * names the closest valid ids, also available from {@link #suggestions()}. Never retriable.
 */
public final class UnknownIdException extends CarbonBenchException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String id;
    private final List<String> suggestions;

    public UnknownIdException(String kind, String id, List<String> suggestions) {
        this(kind, id, "", suggestions);
    }

    /** With {@code why} (e.g. {@code ambiguous: give provider/region}) in brackets after the id; empty for none. */
    public UnknownIdException(String kind, String id, String why, List<String> suggestions) {
        super(message(kind, id, why, suggestions), false);
        this.kind = kind;
        this.id = id;
        this.suggestions = List.copyOf(suggestions);
    }

    private static String message(String kind, String id, String why, List<String> suggestions) {
        String base = "Unknown " + kind + " '" + id + "'" + (why.isEmpty() ? "" : " (" + why + ")");
        return suggestions.isEmpty() ? base : base + "; did you mean " + String.join(", ", suggestions) + "?";
    }

    /** What was looked up: {@code model}, {@code provider}, {@code region}, {@code zone} or {@code offering}. */
    public String kind() {
        return kind;
    }

    /** The id as the caller gave it. */
    public String id() {
        return id;
    }

    /** The closest valid ids, best first; empty when nothing is close. */
    public List<String> suggestions() {
        return suggestions;
    }
}
