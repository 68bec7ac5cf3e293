package ai.carbonbench.router;

import ai.carbonbench.core.CarbonBenchException;

/**
 * An HTTP error status seen by user code, thrown so that the router can classify it: 408, 429 and 5xx
 * are {@linkplain #retriable() retriable} (the router fails over), every other status is not.
 *
 * <pre>{@code
 * HttpResponse<String> r = client.send(request, BodyHandlers.ofString());
 * if (r.statusCode() >= 400) throw new HttpStatusException(r.statusCode(), r.body());
 * }</pre>
 */
public final class HttpStatusException extends CarbonBenchException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the HTTP status code, 100..599
     * @param detail what the server said, for the message (may be empty; it is cut to 200 characters)
     */
    public HttpStatusException(int status, String detail) {
        super(message(status, detail), FailureClassifier.isRetriableStatus(status));
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status 100..599, was " + status);
        }
        this.status = status;
    }

    private static String message(int status, String detail) {
        String d = detail == null ? "" : detail.strip();
        if (d.length() > 200) {
            d = d.substring(0, 200) + "…";
        }
        return "HTTP " + status + (d.isEmpty() ? "" : ": " + d);
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }
}
