package ai.carbonbench.core.grid;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs fetch failures as episodes: one WARN when a (zone, signal) starts failing, DEBUG for every
 * further failure of the same streak, one INFO when it recovers. A service that calls
 * {@code current()} a million times during an outage logs one line per zone and signal, not a million.
 * Thread-safe.
 */
final class FailureLog {

    /**
     * What a failure means to the source's callers, said in the warning: while a last good value is served,
     * and while there is none.
     */
    record Consequences(String withValue, String withoutValue) {
    }

    private final Logger log;
    private final String source;
    private final Consequences consequences;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    FailureLog(Logger log, String source, Consequences consequences) {
        this.log = log;
        this.source = source;
        this.consequences = consequences;
    }

    /** A failed fetch of {@code signal} for {@code zone}; {@code haveValue} when a last good value is still served. */
    void failure(String zone, String signal, Throwable error, boolean haveValue) {
        String consequence = haveValue ? consequences.withValue() : consequences.withoutValue();
        Throwable cause = GridSupport.unwrap(error);
        String why = cause instanceof FetchException f ? f.kind() + ": " + f.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (failing.add(zone + '/' + signal)) {
            log.warn("{}: fetching {} for zone {} failed ({}); {}. Further failures are logged at DEBUG until it recovers",
                    source, signal, zone, why, consequence);
        } else if (log.isDebugEnabled()) {
            log.debug("{}: fetching {} for zone {} failed again ({})", source, signal, zone, why);
        }
    }

    void success(String zone, String signal) {
        if (!failing.isEmpty() && failing.remove(zone + '/' + signal)) {
            log.info("{}: {} for zone {} recovered", source, signal, zone);
        }
    }
}
