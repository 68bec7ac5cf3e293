package ai.carbonbench.examples.server;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.UnknownIdException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-hosted leaderboard: a read-only JSON API over a {@link CarbonBench} and the page at
 * {@code /} that shows it, on the JDK's built-in HTTP server. What {@code carbonbench serve} runs.
 *
 * <ul>
 *   <li>{@code GET /api/leaderboard?family=&provider=&region=&model=&eu_only=&sort=carbon|cost|speed&limit=}
 *   <li>{@code GET /api/recommend?model=&provider=&region=&eu_only=&max_price=}
 *   <li>{@code GET /api/intensity?region=} (the 24-hour curve, minimum marked, provenance per point)
 *   <li>{@code GET /api/models?family=}, {@code /api/providers}, {@code /api/regions?provider=}
 * </ul>
 *
 * <p>Field names are the CLI's {@code --json} ones. Errors are {@code {"error": ..., "suggestions": [...]}}:
 * 400 for a bad parameter, 404 for an unknown id, path or an option no offering meets, 405 for any
 * method but GET, 500 (logged, no details sent) for a bug. Parameters are checked for name, length and
 * characters before use, and a refused value is never sent back. API answers allow any origin (CORS).
 *
 * <p>Requests run on a bounded pool ({@code 2 × processors}, at least 4 threads, 1,024 queued); when
 * the queue is full the accepting thread runs the request itself, which slows intake instead of
 * dropping connections. One debug log line per request. Thread-safe; {@link #close()} stops it.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATIC = "/ai/carbonbench/examples/server/static/";

    /** The page's files: the only non-API paths served, looked up by exact path. */
    private static final Map<String, Asset> ASSETS = Map.of(
            "/", Asset.load("index.html", "text/html; charset=utf-8"),
            "/app.js", Asset.load("app.js", "text/javascript; charset=utf-8"),
            "/app.css", Asset.load("app.css", "text/css; charset=utf-8"));

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Api api;

    private DashboardServer(HttpServer server, ThreadPoolExecutor executor, Api api) {
        this.server = server;
        this.executor = executor;
        this.api = api;
    }

    /**
     * Starts serving {@code bench} on {@code address} (port 0 picks a free one). The caller keeps
     * ownership of {@code bench}: closing the server does not close it.
     *
     * @throws UncheckedIOException when the address cannot be bound (in use, not local, no permission)
     */
    public static DashboardServer start(CarbonBench bench, InetSocketAddress address) {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(address, "address");
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1_024), new Daemons(), new ThreadPoolExecutor.CallerRunsPolicy());
        HttpServer http;
        try {
            http = HttpServer.create(address, 512);
        } catch (IOException e) {
            executor.shutdown();
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        DashboardServer server = new DashboardServer(http, executor, new Api(bench));
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("CarbonBench dashboard listening on {}", server.uri());
        return server;
    }

    /** The address actually bound (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The page's URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    /** Stops accepting, lets running requests finish for up to a second, then stops the threads. Idempotent. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DashboardServer[" + uri() + "]";
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        int status = 500;
        try (exchange) {
            status = respond(exchange);
        } catch (IOException | RuntimeException e) {
            // The client went away mid-answer, or a bug: either way nothing more can be sent.
            LOG.debug("request failed while answering", e);
        } finally {
            if (LOG.isDebugEnabled()) {
                String path = exchange.getRequestURI().getRawPath();
                LOG.debug("{} {} {} {}us", exchange.getRequestMethod(),
                        path.length() > 200 ? path.substring(0, 200) + "..." : path, status,
                        (System.nanoTime() - start) / 1_000);
            }
        }
    }

    private int respond(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean isApi = path.startsWith("/api/");
        if (isApi) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            return error(exchange, 405, "method not allowed; this server answers GET only", List.of());
        }
        Optional<Api.Endpoint> endpoint = Api.endpoint(path);
        if (endpoint.isPresent()) {
            return answer(exchange, endpoint.get());
        }
        Asset asset = isApi ? null : ASSETS.get(path);
        if (asset == null) {
            return error(exchange, 404, "not found", isApi ? List.copyOf(new TreeSet<>(Api.ENDPOINTS.keySet()))
                    : List.of("/"));
        }
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", asset.contentType());
        h.set("Content-Security-Policy", CSP);
        h.set("Cache-Control", "no-cache");
        return send(exchange, 200, asset.bytes());
    }

    private int answer(HttpExchange exchange, Api.Endpoint endpoint) throws IOException {
        JsonNode body;
        try {
            Params params = Params.parse(exchange.getRequestURI().getRawQuery(), endpoint.parameters());
            body = endpoint.handler().apply(api, params);
        } catch (BadRequest e) {
            return error(exchange, 400, e.getMessage(), e.suggestions());
        } catch (UnknownIdException e) {
            return error(exchange, 404, e.getMessage(), e.suggestions());
        } catch (IllegalArgumentException e) {
            return error(exchange, 400, e.getMessage(), List.of());
        } catch (CarbonBenchException e) {
            return e.retriable() ? error(exchange, 503, "temporarily unavailable; try again", List.of())
                    : error(exchange, 404, e.getMessage(), List.of());
        } catch (RuntimeException e) {
            LOG.warn("internal error answering {}", exchange.getRequestURI().getRawPath(), e);
            return error(exchange, 500, "internal error", List.of());
        }
        return json(exchange, 200, body);
    }

    private static int error(HttpExchange exchange, int status, String message, List<String> suggestions)
            throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", message);
        ArrayNode list = n.putArray("suggestions");
        suggestions.forEach(list::add);
        return json(exchange, status, n);
    }

    private static int json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        h.set("Cache-Control", "no-store");
        return send(exchange, status, bytes);
    }

    private static int send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    /** A file of the page, read once from the class path. */
    private record Asset(byte[] bytes, String contentType) {
        static Asset load(String name, String contentType) {
            try (InputStream in = DashboardServer.class.getResourceAsStream(STATIC + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + STATIC + name);
                }
                return new Asset(in.readAllBytes(), contentType);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Daemons implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "carbonbench-http-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    }
}
