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
    static final FailureClassifier CLASSIFIER = FailureClassifier.byCause(t -> t instanceof RetriableException
            ? Boolean.TRUE
            : t instanceof NonRetriableException ? Boolean.FALSE
            : t instanceof HttpException h ? Boolean.valueOf(FailureClassifier.isRetriableStatus(h.statusCode()))
            : null);

    private Failures() {
    }
}
