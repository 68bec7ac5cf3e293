package ai.carbonbench.core;

/**
 * Root of every exception CarbonBench throws. Unchecked.
 *
 * <p>{@link #retriable()} tells a caller whether trying again can help: a bad id or an invalid
 * catalog never will; a transient failure of a data source may.
 */
public class CarbonBenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    public CarbonBenchException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public CarbonBenchException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** Whether the same call may succeed if tried again later. */
    public boolean retriable() {
        return retriable;
    }
}
