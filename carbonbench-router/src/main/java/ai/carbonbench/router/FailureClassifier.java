package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBenchException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a failed call may succeed on another endpoint (retriable: the router fails over) or
 * not (the router rethrows it at once, and the endpoint's health is not affected).
 *
 * <p>{@link #defaults()} treats as retriable: I/O errors ({@link IOException}, {@link UncheckedIOException}),
 * timeouts ({@link TimeoutException}, {@link HttpTimeoutException}), HTTP 408, 429 and 5xx carried by an
 * {@link HttpStatusException}, and any {@link CarbonBenchException} whose {@code retriable()} is true; it
 * looks through the cause chain (up to 8 levels), so wrapped failures classify like the original.
 * Everything else, including {@link InterruptedException} and {@link Error}, is not retriable.
 *
 * <p>To read HTTP statuses from the client library's own exception types, use
 * {@link #withHttpStatus(Function)}; to replace the rule entirely, pass any lambda to
 * {@link CarbonRouter.Builder#failureClassifier(FailureClassifier)}. Implementations must be thread-safe
 * and must not throw; one that throws is treated as "not retriable".
 */
@FunctionalInterface
public interface FailureClassifier {

    /** Whether trying the call on another endpoint may help. */
    boolean isRetriable(Throwable failure);

    /** The default rules described above. */
    static FailureClassifier defaults() {
        return Classifiers.DEFAULTS;
    }

    /**
     * The default rules, plus: when {@code statusOf} finds an HTTP status on a failure (or one of its causes),
     * 408, 429 and 5xx are retriable and every other status is not. For example
     * {@code FailureClassifier.withHttpStatus(t -> t instanceof ApiException e ? OptionalInt.of(e.code()) : OptionalInt.empty())}.
     */
    static FailureClassifier withHttpStatus(Function<? super Throwable, OptionalInt> statusOf) {
        Objects.requireNonNull(statusOf, "statusOf");
        return failure -> {
            for (Throwable t = failure; t != null && !Classifiers.isInterrupt(t); t = t.getCause()) {
                OptionalInt status = statusOf.apply(t);
                if (status != null && status.isPresent()) {
                    return isRetriableStatus(status.getAsInt());
                }
            }
            return Classifiers.DEFAULTS.isRetriable(failure);
        };
    }

    /**
     * The first verdict {@code verdict} gives on a failure or one of its causes (up to 8 levels): {@code true}
     * retriable, {@code false} not, {@code null} no verdict at that level; when it gives none, the default rules
     * decide. How an adapter puts its framework's own exception taxonomy first.
     */
    static FailureClassifier byCause(Function<? super Throwable, @Nullable Boolean> verdict) {
        Objects.requireNonNull(verdict, "verdict");
        return failure -> {
            Throwable t = failure;
            for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
                Boolean retriable = verdict.apply(t);
                if (retriable != null) {
                    return retriable;
                }
            }
            return Classifiers.DEFAULTS.isRetriable(failure);
        };
    }

    /** Whether an HTTP status is worth trying elsewhere: 408, 429 and 5xx. */
    static boolean isRetriableStatus(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599);
    }
}

/** The default classification rules. */
final class Classifiers {

    static final FailureClassifier DEFAULTS = Classifiers::defaultRule;

    private Classifiers() {
    }

    static boolean isInterrupt(Throwable t) {
        // A socket timeout is an InterruptedIOException too, but a timeout, not an interrupt.
        return t instanceof InterruptedException || t instanceof ClosedByInterruptException
                || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException));
    }

    private static boolean defaultRule(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (isInterrupt(t) || t instanceof Error) {
                return false;
            }
            if (t instanceof CarbonBenchException e) {
                // HttpStatusException and data-source failures say for themselves.
                return e.retriable();
            }
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
