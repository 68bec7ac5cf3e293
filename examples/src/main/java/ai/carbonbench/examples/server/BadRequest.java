package ai.carbonbench.examples.server;

import java.util.List;

/**
 * A request the API refuses before it reaches CarbonBench: a missing, unknown, overlong or malformed
 * parameter. Its message never contains the offending value, only the parameter's name (which is
 * always one of the API's own names) and what would be valid.
 */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> suggestions;

    BadRequest(String message, List<String> suggestions) {
        super(message, null, false, false);
        this.suggestions = List.copyOf(suggestions);
    }

    BadRequest(String message) {
        this(message, List.of());
    }

    List<String> suggestions() {
        return suggestions;
    }
}
