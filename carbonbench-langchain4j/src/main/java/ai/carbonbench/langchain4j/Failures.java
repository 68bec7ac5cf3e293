package ai.carbonbench.langchain4j;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.FailureClassifier;
import ai.carbonbench.router.NoEndpointAvailableException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import java.util.List;

/** How LangChain4j failures are classified for fail-over, and how "every candidate failed" is reported. */
final class Failures {

    /** One candidate's failure during one call. */
    record Failure(OfferingKey candidate, Throwable error) {
    }

    /**
     * Thrown inside a streaming attempt when the stream failed after the handler had seen a partial response:
     * never retriable, so the router neither fails over nor counts it against the endpoint's health.
     */
    static final class AfterFirstToken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AfterFirstToken(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    /**
     * LangChain4j's own taxonomy decides first: {@link RetriableException} (rate limit, 5xx, timeout) fails
     * over, {@link NonRetriableException} (authentication, invalid request, model not found) does not; an
     * unmapped {@link HttpException} goes by its status (408, 429, 5xx); anything else by the router's
     * defaults (I/O errors and timeouts anywhere in the cause chain, e.g. a refused connection).
     */
    static final FailureClassifier CLASSIFIER = Failures::isRetriable;

    private Failures() {
    }

    /** A user's classifier, except that a stream failing after its first token never fails over. */
    static FailureClassifier classifier(FailureClassifier user) {
        return failure -> !(failure instanceof AfterFirstToken) && user.isRetriable(failure);
    }

    static boolean isRetriable(Throwable failure) {
        if (failure instanceof AfterFirstToken) {
            return false;
        }
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
            if (t instanceof NonRetriableException) {
                return false;
            }
            if (t instanceof HttpException h) {
                return FailureClassifier.isRetriableStatus(h.statusCode());
            }
        }
        return FailureClassifier.defaults().isRetriable(failure);
    }

    /**
     * Replaces the router's generic message with one that names every candidate tried and why it failed;
     * the failures stay attached as suppressed exceptions, in the order tried.
     */
    static NoEndpointAvailableException explain(NoEndpointAvailableException e, List<Failure> failures) {
        if (failures.isEmpty()) {
            return e;
        }
        StringBuilder msg = new StringBuilder("No candidate could serve the call: ");
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            if (i > 0) {
                msg.append("; ");
            }
            msg.append(f.candidate()).append(" -> ").append(describe(f.error()));
        }
        msg.append(" (").append(e.getMessage()).append(')');
        // Keep the router's exception as the cause: its message and stack say where the call gave up.
        NoEndpointAvailableException out = new NoEndpointAvailableException(msg.toString(), e.retriable(), e);
        for (Throwable s : e.getSuppressed()) {
            out.addSuppressed(s);
        }
        out.setStackTrace(e.getStackTrace());
        return out;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage().strip().replaceAll("\\s+", " ");
        if (m.length() > 160) {
            m = m.substring(0, 160) + "…";
        }
        return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }
}
