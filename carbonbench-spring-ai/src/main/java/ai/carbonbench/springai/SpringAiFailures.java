package ai.carbonbench.springai;

import ai.carbonbench.router.FailureClassifier;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;

/** How Spring AI failures are classified for fail-over. */
final class SpringAiFailures {

    /**
     * Spring AI's taxonomy decides first: {@link TransientAiException} (what its clients throw for 5xx, 429 and
     * I/O errors) fails over, {@link NonTransientAiException} (4xx: authentication, bad request, unknown model)
     * does not. Then the HTTP status of an OpenAI SDK exception (Spring AI's OpenAI chat model), when that SDK
     * is on the class path: 408, 429 and 5xx fail over, other statuses do not; its I/O and "retryable"
     * exceptions fail over. Anything else goes by the router's defaults (I/O errors and timeouts anywhere in the
     * cause chain).
     */
    static final FailureClassifier CLASSIFIER = FailureClassifier.byCause(SpringAiFailures::verdict);

    private static final boolean OPENAI_SDK = present("com.openai.errors.OpenAIServiceException");

    private SpringAiFailures() {
    }

    /** What this level of the cause chain says, or null to look at the next. */
    private static @Nullable Boolean verdict(Throwable t) {
        if (t instanceof TransientAiException) {
            return true;
        }
        if (t instanceof NonTransientAiException) {
            return false;
        }
        if (OPENAI_SDK) {
            OptionalInt status = OpenAiSdk.status(t);
            if (status.isPresent()) {
                return FailureClassifier.isRetriableStatus(status.getAsInt());
            }
            if (OpenAiSdk.isTransient(t)) {
                return true;
            }
        }
        return null;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, SpringAiFailures.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when the OpenAI SDK is on the class path. */
    private static final class OpenAiSdk {
        static OptionalInt status(Throwable t) {
            return t instanceof com.openai.errors.OpenAIServiceException e ? OptionalInt.of(e.statusCode())
                    : OptionalInt.empty();
        }

        static boolean isTransient(Throwable t) {
            return t instanceof com.openai.errors.OpenAIIoException
                    || t instanceof com.openai.errors.OpenAIRetryableException;
        }
    }
}
