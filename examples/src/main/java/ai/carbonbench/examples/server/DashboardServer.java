package ai.carbonbench.examples.server;

import ai.carbonbench.core.json.JsonViews;
import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.UnknownIdException;
import ai.carbonbench.core.grid.GridIntensitySource;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-hosted leaderboard: a read-only JSON API over a {@link CarbonBench} and the page at
 * {@code /} that shows it, on Javalin 7 (Jetty 12). What {@code carbonbench serve} runs.
 *
 * <ul>
 *   <li>{@code GET /api/leaderboard?family=&provider=&region=&model=&eu_only=&sort=carbon|cost|speed&limit=&include_retired=&boundary=}
 *   <li>{@code GET /api/recommend?model=&provider=&region=&eu_only=&max_price=&boundary=}
 *   <li>{@code GET /api/intensity?region=} (the 24-hour curve, minimum marked, provenance per point)
 *   <li>{@code GET /api/models?family=&all=}, {@code /api/providers}, {@code /api/regions?provider=}, {@code /api/about?boundary=}
 * </ul>
 *
 * <p>{@code boundary=gpu|server|lifecycle} scores at that accounting boundary instead of the CarbonBench's own
 * (the default); each other boundary is served by one CarbonBench built on first demand and kept
 * ({@link Boundaries}). The boundary is part of the query, hence of the answer cache's key, and of every
 * answer's body ({@code boundary} field), hence of its ETag.
 *
 * <p>Field names are the CLI's {@code --json} ones. Errors are {@code {"error": ..., "suggestions": [...]}}
 * with the same headers as any answer, whoever refuses the request (this class or Jetty's parser):
 * 400 for a bad parameter or a malformed request, 404 for an unknown id, path or an option no offering
 * meets, 405 for a method other than GET, HEAD and OPTIONS, 413 for a request body, 431 for oversized
 * headers, 500 (logged, no details sent) for a bug. Parameters are checked for name, length and
 * characters before use, and a refused value is never sent back. API answers allow any origin (CORS);
 * {@code OPTIONS} answers a preflight with 204.
 *
 * <p>Every GET answers HEAD too, carries a weak {@code ETag} (a matching {@code If-None-Match} gets 304)
 * and is gzipped when the client accepts it and the body is larger than 1 KB. API answers are computed for
 * the current minute ({@code at} is truncated to it) and kept for that minute, up to 16 MB of them.
 *
 * <p>Slow clients cost no thread: Jetty reads requests on its selector and hands a request to one of
 * {@value #MAX_THREADS} workers only once its headers are complete; a connection silent for
 * {@link #IDLE_TIMEOUT} is closed, headers are limited to {@value #MAX_HEADER_BYTES} bytes and a GET
 * may carry no body larger than {@value #MAX_BODY_BYTES} bytes. One DEBUG line per request (the access
 * log, logger {@code ai.carbonbench.examples.server.access}). A heap of 256 MB ({@code -Xmx256m}) is
 * ample for the embedded catalog under load. Thread-safe; {@link #close()} stops it.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("ai.carbonbench.examples.server.access");
    private static final String STATIC = "/ai/carbonbench/examples/server/static/";

    /** Enough for CPU-bound answers on a small machine; slow clients hold no thread, so no more are needed. */
    static final int MAX_THREADS = 16;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final String METHODS = "GET, HEAD, OPTIONS";
    static final long ANSWER_CACHE_BYTES = 16L * 1024 * 1024;
    static final int GZIP_ABOVE = 1_024;

    /** The page's files: the only non-API paths served, looked up by exact path. */
    private static final Map<String, Asset> ASSETS = Map.of(
            "/", Asset.load("index.html", "text/html; charset=utf-8"),
            "/app.js", Asset.load("app.js", "text/javascript; charset=utf-8"),
            "/app.css", Asset.load("app.css", "text/css; charset=utf-8"),
            "/favicon.svg", Asset.load("favicon.svg", "image/svg+xml"),
            "/favicon.ico", Asset.load("favicon.svg", "image/svg+xml"));

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Javalin app;
    private final InetSocketAddress address;
    private final Boundaries boundaries;

    private DashboardServer(Javalin app, InetSocketAddress address, Boundaries boundaries) {
        this.app = app;
        this.address = address;
        this.boundaries = boundaries;
    }

    /**
     * Starts serving {@code bench} on {@code address} (port 0 picks a free one). The caller keeps
     * ownership of {@code bench}: closing the server does not close it. Answers at another boundary
     * ({@code boundary=}) use the catalog's typical grid profiles, since a CarbonBench does not hand out
     * its grid source; pass that source to {@link #start(CarbonBench, InetSocketAddress, GridIntensitySource)}
     * to have them read it too.
     *
     * @throws UncheckedIOException when the address cannot be bound (in use, not local, no permission)
     */
    public static DashboardServer start(CarbonBench bench, InetSocketAddress address) {
        Objects.requireNonNull(bench, "bench");
        return start(new Boundaries(bench, Optional.empty()), address);
    }

    /**
     * As {@link #start(CarbonBench, InetSocketAddress)}, for a {@code bench} built with {@code gridSource}:
     * the server's CarbonBench instances at other boundaries read the same source (one cache, one set of
     * fetches). The caller keeps ownership of both; the server never closes the source.
     *
     * @throws UncheckedIOException when the address cannot be bound (in use, not local, no permission)
     */
    public static DashboardServer start(CarbonBench bench, InetSocketAddress address, GridIntensitySource gridSource) {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(gridSource, "gridSource");
        return start(new Boundaries(bench, Optional.of(gridSource)), address);
    }

    private static DashboardServer start(Boundaries boundaries, InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        Handler handler = new Handler(new Api(boundaries));
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("carbonbench-http");
        threads.setDaemon(true);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.router.ignoreTrailingSlashes = false;
            config.router.treatMultipleSlashesAsSingleSlash = false;
            config.http.generateEtags = false; // our own weak ETags, on every status we answer
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.compressionStrategy = CompressionStrategy.NONE; // answers are gzipped once, when computed
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_HEADER_BYTES);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            });
            // Javalin adds its connector after this runs: the connector's idle timeout is set once started, below.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            for (HandlerType type : HandlerType.values()) {
                if (type.isHttpMethod()) {
                    config.routes.addHttpHandler(type, "*", handler::handle);
                }
            }
            config.requestLogger.http((ctx, millis) -> {
                if (ACCESS.isDebugEnabled()) {
                    String path = ctx.path();
                    ACCESS.debug("{} {} {} {}ms", ctx.method(), path.length() > 200 ? path.substring(0, 200) + "..." : path,
                            ctx.statusCode(), String.format(java.util.Locale.ROOT, "%.1f", millis));
                }
            });
        });
        try {
            app.start(address.getAddress().getHostAddress(), address.getPort());
        } catch (RuntimeException e) {
            app.stop();
            boundaries.close();
            throw new UncheckedIOException("cannot listen on " + address + ": " + rootMessage(e),
                    new IOException(e));
        }
        for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.AbstractConnector a) {
                a.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            }
        }
        DashboardServer server = new DashboardServer(app, new InetSocketAddress(address.getAddress(), app.port()),
                boundaries);
        LOG.info("CarbonBench dashboard listening on {}", server.uri());
        return server;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The address actually bound (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    /** The page's URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetAddress a = address.getAddress();
        String host = a.getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /**
     * Stops accepting, lets running requests finish, then stops the threads and closes the CarbonBench
     * instances it built for other boundaries. Idempotent.
     */
    @Override
    public void close() {
        app.stop();
        boundaries.close();
    }

    @Override
    public String toString() {
        return "DashboardServer[" + uri() + "]";
    }

    /** An API answer ready to send: its bytes and validator. */
    private static final class Answer {
        private final byte[] bytes;
        private final String etag;
        private volatile byte[] gzipped;

        private Answer(byte[] bytes) {
            this.bytes = bytes;
            this.etag = DashboardServer.etag(bytes);
        }

        byte[] bytes() {
            return bytes;
        }

        String etag() {
            return etag;
        }

        boolean compressible() {
            return bytes.length > GZIP_ABOVE;
        }

        /** Compressed on first demand and kept (two racing requests may both compress; either result is right). */
        byte[] gzipped() {
            byte[] g = gzipped;
            if (g == null) {
                g = gzip(bytes);
                gzipped = g;
            }
            return g;
        }

        int weight() {
            byte[] g = gzipped;
            return bytes.length + (g == null ? bytes.length / 8 : g.length);
        }
    }

    /** Compressed once per answer (not once per request), at the default level. */
    static byte[] gzip(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length / 4);
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every request of every method, on every path: exact-match dispatch to the API or the page's files. */
    private static final class Handler {
        private final Api api;

        /**
         * Answers of the current minute by path and query: a client polling the full leaderboard costs one
         * computation a minute, not one per request. Bounded by bytes; errors are never cached.
         */
        private final Cache<String, Answer> answers = Caffeine.newBuilder()
                .maximumWeight(ANSWER_CACHE_BYTES)
                .weigher((String key, Answer a) -> key.length() + a.weight())
                .expireAfterWrite(Duration.ofMinutes(1))
                .build();

        Handler(Api api) {
            this.api = api;
        }

        void handle(Context ctx) {
            String path = ctx.path();
            boolean isApi = path.startsWith("/api/");
            commonHeaders(isApi, ctx::header);
            String method = ctx.method().name();
            boolean read = method.equals("GET") || method.equals("HEAD");
            Optional<Api.Endpoint> endpoint = Api.endpoint(path);
            Asset asset = isApi ? null : ASSETS.get(path);
            boolean known = endpoint.isPresent() || asset != null;
            if (!read && !method.equals("OPTIONS")) {
                ctx.header("Allow", METHODS);
                error(ctx, 405, "method not allowed; this server answers " + METHODS + " only", List.of());
                return;
            }
            if (!known) {
                error(ctx, 404, "not found", isApi ? List.copyOf(new TreeSet<>(Api.ENDPOINTS.keySet())) : List.of("/"));
                return;
            }
            if (method.equals("OPTIONS")) {
                ctx.header("Allow", METHODS);
                if (isApi) {
                    ctx.header("Access-Control-Allow-Methods", METHODS);
                    ctx.header("Access-Control-Allow-Headers", "Accept, Content-Type, If-None-Match");
                    ctx.header("Access-Control-Max-Age", "600");
                }
                ctx.status(204);
                return;
            }
            if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
                error(ctx, 413, "request body too large; GET takes no body", List.of());
                return;
            }
            if (endpoint.isPresent()) {
                answer(ctx, endpoint.get());
            } else {
                ctx.header("Content-Security-Policy", CSP);
                send(ctx, asset.contentType(), asset.answer());
            }
        }

        private void answer(Context ctx, Api.Endpoint endpoint) {
            Answer answer;
            try {
                String query = ctx.queryString();
                answer = answers.get(ctx.path() + '?' + (query == null ? "" : query) + '@' + api.now(), key -> {
                    byte[] bytes = bytes(endpoint.handler().apply(api, Params.parse(query, endpoint.parameters())));
                    return new Answer(bytes);
                });
            } catch (BadRequest e) {
                error(ctx, 400, e.getMessage(), e.suggestions());
                return;
            } catch (UnknownIdException e) {
                error(ctx, 404, e.getMessage(), e.suggestions());
                return;
            } catch (IllegalArgumentException e) {
                error(ctx, 400, e.getMessage(), List.of());
                return;
            } catch (CarbonBenchException e) {
                if (e.retriable()) {
                    error(ctx, 503, "temporarily unavailable; try again", List.of());
                } else {
                    error(ctx, 404, e.getMessage(), List.of());
                }
                return;
            } catch (RuntimeException e) {
                LOG.warn("internal error answering {}", ctx.path(), e);
                error(ctx, 500, "internal error", List.of());
                return;
            }
            send(ctx, "application/json; charset=utf-8", answer);
        }

        private static void error(Context ctx, int status, String message, List<String> suggestions) {
            ctx.header("Cache-Control", "no-store");
            ctx.status(status);
            ctx.header("Content-Type", "application/json; charset=utf-8");
            ctx.result(errorBody(message, suggestions));
        }

        /**
         * 304 when the client has this answer; otherwise 200 and the answer, pre-compressed when the client accepts
         * gzip. Always revalidated ({@code no-cache}): the ETag makes that cheap.
         */
        private static void send(Context ctx, String contentType, Answer answer) {
            ctx.header("Cache-Control", "no-cache");
            ctx.header("ETag", answer.etag());
            if (answer.compressible()) {
                ctx.header("Vary", "Accept-Encoding");
            }
            if (matches(ctx.header("If-None-Match"), answer.etag())) {
                ctx.status(304);
                return;
            }
            ctx.status(200);
            ctx.header("Content-Type", contentType);
            String accept = ctx.header("Accept-Encoding");
            if (answer.compressible() && accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
                ctx.header("Content-Encoding", "gzip");
                ctx.result(answer.gzipped());
            } else {
                ctx.result(answer.bytes());
            }
        }

        /** {@code If-None-Match}: {@code *} or a list of (weak or strong) tags, compared weakly. */
        private static boolean matches(String ifNoneMatch, String etag) {
            if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
                return false;
            }
            String opaque = etag.substring(2);
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.equals(etag) || t.equals(opaque)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The headers of every answer, successful or not: no sniffing, no referrer, and CORS on the API. */
    static void commonHeaders(boolean api, BiConsumer<String, String> header) {
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("Referrer-Policy", "no-referrer");
        if (api) {
            header.accept("Access-Control-Allow-Origin", "*");
            header.accept("Access-Control-Expose-Headers", "ETag");
        }
    }

    static byte[] errorBody(String message, List<String> suggestions) {
        ObjectNode n = JsonViews.object();
        n.put("error", message);
        ArrayNode list = n.putArray("suggestions");
        suggestions.forEach(list::add);
        return bytes(n);
    }

    private static byte[] bytes(JsonNode body) {
        return JsonViews.toJson(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A weak validator: the answer's bytes hashed, so equal answers share it whether gzipped or not. */
    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Requests Jetty refuses before any handler (a malformed or ambiguous path, oversized headers, a bad
     * request line): the same JSON body and headers as the API's own errors, never Jetty's HTML page.
     */
    private static final class JsonErrorHandler extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) {
            HttpFields.Mutable h = response.getHeaders();
            boolean api = request.getHttpURI() != null && request.getHttpURI().getPath() != null
                    && request.getHttpURI().getPath().startsWith("/api/");
            h.put("Content-Type", "application/json; charset=utf-8");
            h.put("Cache-Control", "no-store");
            commonHeaders(api, h::put);
            response.write(true, ByteBuffer.wrap(errorBody(describe(code), List.of())), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put("Content-Type", "application/json; charset=utf-8");
            fields.put("Cache-Control", "no-store");
            commonHeaders(true, fields::put);
            return ByteBuffer.wrap(errorBody(describe(status), List.of()));
        }

        /** A fixed text per status: Jetty's reason may quote the request, which we never echo. */
        private static String describe(int status) {
            return switch (status) {
                case 400 -> "bad request: malformed or ambiguous request line or path";
                case 404 -> "not found";
                case 405 -> "method not allowed; this server answers " + METHODS + " only";
                case 413 -> "request body too large; GET takes no body";
                case 414 -> "request line too long";
                case 431 -> "request headers larger than " + MAX_HEADER_BYTES + " bytes";
                default -> status >= 500 ? "internal error" : "request refused (HTTP " + status + ")";
            };
        }
    }

    /** A file of the page, read once from the class path, with its validator. */
    private record Asset(Answer answer, String contentType) {
        static Asset load(String name, String contentType) {
            try (InputStream in = DashboardServer.class.getResourceAsStream(STATIC + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + STATIC + name);
                }
                byte[] bytes = in.readAllBytes();
                return new Asset(new Answer(bytes), contentType);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
