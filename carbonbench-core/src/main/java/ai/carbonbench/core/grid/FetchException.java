package ai.carbonbench.core.grid;

import ai.carbonbench.core.CarbonBenchException;

/**
 * Why one fetch from an upstream API failed. Internal: it is logged and turned into "keep the last
 * good value"; it never reaches a caller of {@link GridIntensitySource}. Its message never contains
 * an API key (requests carry keys only in headers, and messages are built from status, URL path and
 * a bounded body excerpt).
 */
final class FetchException extends CarbonBenchException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure; the retriable ones are retried with backoff. */
    enum Kind {
        /** Connect failure, timeout, reset: retried. */
        NETWORK(true),
        /** HTTP 429: retried after Retry-After or backoff. */
        RATE_LIMITED(true),
        /** Not sent: the source is paused (Retry-After or rate limit) for longer than a load may wait. */
        PAUSED(false),
        /** HTTP 5xx: retried. */
        SERVER(true),
        /** HTTP 401 "invalid token". */
        UNAUTHORIZED(false),
        /** HTTP 401/403 for a zone or endpoint outside the plan. */
        NOT_IN_PLAN(false),
        /** HTTP 400/404 and other client errors. */
        CLIENT(false),
        /** A body that cannot be parsed or lacks required fields. */
        MALFORMED(false),
        /** A well-formed answer without a usable value (null intensity, empty series). */
        NO_DATA(false),
        /** An answer about another zone (or another emission factor) than asked: never used. */
        WRONG_ZONE(false);

        final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }
    }

    private final Kind kind;
    private final long retryAfterNanos;

    FetchException(Kind kind, String message) {
        this(kind, message, -1, null);
    }

    FetchException(Kind kind, String message, long retryAfterNanos, Throwable cause) {
        super(message, kind.retriable, cause);
        this.kind = kind;
        this.retryAfterNanos = retryAfterNanos;
    }

    Kind kind() {
        return kind;
    }

    /** The server's Retry-After in ns, or -1 when it sent none. */
    long retryAfterNanos() {
        return retryAfterNanos;
    }
}
