package ai.carbonbench.langchain4j;

import ai.carbonbench.router.FailureClassifier;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;

/** How LangChain4j failures are classified for fail-over. */
final class Failures {

    /**
     * LangChain4j's own taxonomy decides first: {@link RetriableException} (rate limit, 5xx, timeout) fails
     * over, {@link NonRetriableException} (authentication, invalid request, model not found) does not; an
     * unmapped {@link HttpException} goes by its status (408, 429, 5xx); anything else by the router's
     * defaults (I/O errors and timeouts anywhere in the cause chain, e.g. a refused connection).
     */
    static final FailureClassifier CLASSIFIER = Failures::isRetriable;

    private Failures() {
    }

    static boolean isRetriable(Throwable failure) {
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
}
