package ai.carbonbench.core.grid;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;

/**
 * GET with the resilience every upstream call needs: client-side rate limit, per-request timeout,
 * retries of idempotent GETs on network errors, 429 and 5xx with exponential backoff and jitter,
 * {@code Retry-After} honoured (seconds or HTTP-date) and applied to the whole source. 401/403/404
 * and other client errors are never retried. Never blocks the calling thread: waits are scheduled on
 * the {@link Delayer}. Thread-safe.
 */
final class HttpFetch {

    /**
     * How a request is retried: at most {@code maxRetries} retries of a retriable failure, each after the
     * server's {@code Retry-After} when it sent one (read against {@code clock} when it is an HTTP-date), else
     * after a {@link Backoff#HTTP} step with equal jitter drawn from {@code random}. No wait (rate limit,
     * {@code Retry-After} or backoff) may exceed {@link #MAX_WAIT}: the request fails instead, and the cache
     * retries later. Immutable.
     */
    record Retries(int maxRetries, DoubleSupplier random, Clock clock) {

        /** The longest a request may be held back before it is sent. */
        static final Duration MAX_WAIT = Duration.ofSeconds(60);
        private static final long MAX_WAIT_NANOS = MAX_WAIT.toNanos();

        /** Whether a wait of {@code nanos} would hold a load too long. */
        boolean tooLong(long nanos) {
            return nanos > MAX_WAIT_NANOS;
        }

        /** The wait before retry {@code retry + 1} when the server named none. */
        long backoff(int retry) {
            return Backoff.HTTP.withEqualJitter(retry + 1, random.getAsDouble());
        }

        /** Retry-After as delta-seconds or an HTTP-date; -1 when absent or unreadable. */
        long retryAfter(HttpResponse<?> response) {
            Optional<String> header = response.headers().firstValue("Retry-After");
            if (header.isEmpty()) {
                return -1;
            }
            String v = header.get().strip();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v))).toNanos();
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Math.max(0, Duration.between(clock.instant(), at).toNanos());
                } catch (DateTimeParseException notDate) {
                    return -1;
                }
            }
        }
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final RateLimiter limiter;
    private final Delayer delayer;
    private final Retries retries;

    HttpFetch(HttpClient client, Duration requestTimeout, RateLimiter limiter, Delayer delayer, Retries retries) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.limiter = limiter;
        this.delayer = delayer;
        this.retries = retries;
    }

    /** The body of a 200 answer, or a future failed with a {@link FetchException}. */
    CompletableFuture<String> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(requestTimeout)
                .header("Accept", "application/json");
        headers.forEach(rb::header);
        return attempt(rb.build(), 0);
    }

    private CompletableFuture<String> attempt(HttpRequest request, int retry) {
        long wait = limiter.reserve();
        if (retries.tooLong(wait)) {
            // Waiting this long would hold a load for minutes; fail now and let the cache retry later.
            return CompletableFuture.failedFuture(new FetchException(FetchException.Kind.PAUSED,
                    "not sent: source paused for " + Duration.ofNanos(wait).toSeconds() + " s (rate limit or Retry-After)"));
        }
        return delayer.after(wait)
                .thenCompose(x -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .handle((response, error) -> {
                    if (error != null) {
                        return CompletableFuture.<String>failedFuture(networkFailure(request, error));
                    }
                    if (response.statusCode() == 200) {
                        return CompletableFuture.completedFuture(response.body() == null ? "" : response.body());
                    }
                    return CompletableFuture.<String>failedFuture(httpFailure(request, response));
                })
                .thenCompose(f -> f)
                .exceptionallyCompose(error -> retryOrFail(request, retry, error));
    }

    private CompletableFuture<String> retryOrFail(HttpRequest request, int retry, Throwable error) {
        Throwable cause = GridSupport.unwrap(error);
        if (!(cause instanceof FetchException f) || !f.kind().retriable || retry >= retries.maxRetries()) {
            return CompletableFuture.failedFuture(cause);
        }
        long delay;
        if (f.retryAfterNanos() >= 0) {
            limiter.pause(f.retryAfterNanos());
            delay = f.retryAfterNanos();
        } else {
            delay = retries.backoff(retry);
        }
        if (retries.tooLong(delay)) {
            return CompletableFuture.failedFuture(cause);
        }
        return delayer.after(delay).thenCompose(x -> attempt(request, retry + 1));
    }

    private static FetchException networkFailure(HttpRequest request, Throwable error) {
        Throwable cause = GridSupport.unwrap(error);
        String what = cause instanceof HttpTimeoutException ? "timed out"
                : cause instanceof IOException ? "I/O error" : "failed";
        return new FetchException(FetchException.Kind.NETWORK,
                "GET " + request.uri().getPath() + " " + what + ": " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + GridSupport.excerpt(cause.getMessage())), -1, null);
    }

    private FetchException httpFailure(HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        String message = errorText(response.body());
        String text = "GET " + request.uri().getPath() + " → HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 401 || status == 403) {
            // Electricity Maps answers 401 (not 403) both for a bad token and for a zone/endpoint the
            // plan does not cover; only the body tells them apart.
            boolean plan = status == 403 || lower.contains("unauthorized for") || lower.contains("not available")
                    || lower.contains("do not have access") || lower.contains("zonekey");
            return new FetchException(plan ? FetchException.Kind.NOT_IN_PLAN : FetchException.Kind.UNAUTHORIZED, text);
        }
        if (status == 429) {
            return new FetchException(FetchException.Kind.RATE_LIMITED, text, retries.retryAfter(response), null);
        }
        if (status >= 500) {
            return new FetchException(FetchException.Kind.SERVER, text, retries.retryAfter(response), null);
        }
        return new FetchException(FetchException.Kind.CLIENT, text);
    }

    /**
     * The provider's error text: Electricity Maps {@code error} and {@code message} strings, the UK's
     * {@code error.message} object, or the raw body (HTML from a proxy) as an excerpt.
     */
    static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = GridSupport.JSON.readTree(body);
            if (root != null && root.isObject()) {
                StringBuilder s = new StringBuilder();
                JsonNode error = root.get("error");
                if (error != null && error.isTextual()) {
                    s.append(error.asText());
                } else if (error != null && error.isObject()) {
                    s.append(Optional.ofNullable(GridSupport.text(error, "message")).orElse(error.toString()));
                }
                String message = GridSupport.text(root, "message");
                if (message != null) {
                    s.append(s.length() > 0 ? " — " : "").append(message);
                }
                if (s.length() > 0) {
                    return GridSupport.excerpt(s.toString());
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw excerpt
        }
        return GridSupport.excerpt(body);
    }
}
