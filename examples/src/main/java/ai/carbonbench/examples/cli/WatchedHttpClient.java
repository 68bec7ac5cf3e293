package ai.carbonbench.examples.cli;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that forwards every request to a real one and remembers how its answers went:
 * how many succeeded, how many failed, and why the first failure happened. The CLI hands one to each live
 * grid source so that it can stop waiting as soon as every source has failed once, and say why in one
 * line, without knowing anything about the sources' own retries. Thread-safe.
 */
final class WatchedHttpClient extends HttpClient {

    private final String source;
    private final HttpClient delegate;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    WatchedHttpClient(String source, HttpClient delegate) {
        this.source = source;
        this.delegate = delegate;
    }

    static WatchedHttpClient create(String source) {
        return new WatchedHttpClient(source, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(Redirect.NORMAL).build());
    }

    String source() {
        return source;
    }

    /** Requests sent so far, answered or not. */
    int requests() {
        return sent.get();
    }

    int successes() {
        return ok.get();
    }

    int failures() {
        return failed.get();
    }

    /** Why the first failed request failed, e.g. {@code HTTP 401} or {@code ConnectException}. */
    Optional<String> firstFailure() {
        return Optional.ofNullable(firstFailure.get());
    }

    private void record(HttpResponse<?> response, Throwable error) {
        if (error == null && response.statusCode() == 200) {
            ok.incrementAndGet();
            return;
        }
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, error != null ? describe(error) : "HTTP " + response.statusCode()
                + (response.statusCode() == 401 || response.statusCode() == 403 ? ", key refused" : ""));
    }

    private static String describe(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        String name = t.getClass().getSimpleName();
        if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
            return "host not found";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? name : name + ": " + t.getMessage();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        sent.incrementAndGet();
        try {
            HttpResponse<T> r = delegate.send(request, handler);
            record(r, null);
            return r;
        } catch (IOException e) {
            record(null, e);
            throw e;
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        sent.incrementAndGet();
        return delegate.sendAsync(request, handler).whenComplete(this::record);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        sent.incrementAndGet();
        return delegate.sendAsync(request, handler, push).whenComplete(this::record);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
