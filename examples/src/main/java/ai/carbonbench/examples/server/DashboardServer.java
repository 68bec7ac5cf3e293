package ai.carbonbench.examples.server;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.CarbonBenchException;
import ai.carbonbench.core.UnknownIdException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 *   <li>{@code GET /api/leaderboard?family=&provider=&region=&model=&eu_only=&sort=carbon|cost|speed&limit=}
 *   <li>{@code GET /api/recommend?model=&provider=&region=&eu_only=&max_price=}
 *   <li>{@code GET /api/intensity?region=} (the 24-hour curve, minimum marked, provenance per point)
 *   <li>{@code GET /api/models?family=}, {@code /api/providers}, {@code /api/regions?provider=}, {@code /api/about}
 * </ul>
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
 * and is gzipped when the client accepts it and the body is larger than 1 KB.
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATIC = "/ai/carbonbench/examples/server/static/";

    static final int MAX_THREADS = 32;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final String METHODS = "GET, HEAD, OPTIONS";

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
    private final Api api;

    private DashboardServer(Javalin app, InetSocketAddress address, Api api) {
        this.app = app;
        this.address = address;
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
        Api api = new Api(bench);
        Handler handler = new Handler(api);
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
            CompressionStrategy gzip = new CompressionStrategy(null, new io.javalin.compression.Gzip(6));
            gzip.setDefaultMinSizeForCompression(1_024);
            config.http.compressionStrategy = gzip;
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_HEADER_BYTES);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
                    if (c instanceof org.eclipse.jetty.server.AbstractConnector a) {
                        a.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                    }
                }
            });
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
            throw new UncheckedIOException("cannot listen on " + address + ": " + rootMessage(e),
                    new IOException(e));
        }
        for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.AbstractConnector a) {
                a.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            }
        }
        DashboardServer server = new DashboardServer(app, new InetSocketAddress(address.getAddress(), app.port()), api);
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

    /** Stops accepting, lets running requests finish, then stops the threads. Idempotent. */
    @Override
    public void close() {
        app.stop();
    }

    @Override
    public String toString() {
        return "DashboardServer[" + uri() + "]";
    }

    /** Every request of every method, on every path: exact-match dispatch to the API or the page's files. */
    private static final class Handler {
        private final Api api;

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
                send(ctx, 200, asset.contentType(), "no-cache", asset.bytes(), asset.etag());
            }
        }

        private void answer(Context ctx, Api.Endpoint endpoint) {
            JsonNode body;
            try {
                Params params = Params.parse(ctx.queryString(), endpoint.parameters());
                body = endpoint.handler().apply(api, params);
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
            byte[] bytes = bytes(body);
            send(ctx, 200, "application/json; charset=utf-8", "no-cache", bytes, etag(bytes));
        }

        private static void error(Context ctx, int status, String message, List<String> suggestions) {
            byte[] bytes = errorBody(message, suggestions);
            send(ctx, status, "application/json; charset=utf-8", "no-store", bytes, null);
        }

        private static void send(Context ctx, int status, String contentType, String cacheControl, byte[] bytes,
                String etag) {
            ctx.header("Cache-Control", cacheControl);
            if (etag != null) {
                ctx.header("ETag", etag);
                if (matches(ctx.header("If-None-Match"), etag)) {
                    ctx.status(304);
                    return;
                }
            }
            ctx.status(status);
            ctx.header("Content-Type", contentType);
            ctx.result(bytes);
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
        ObjectNode n = JSON.createObjectNode();
        n.put("error", message);
        ArrayNode list = n.putArray("suggestions");
        suggestions.forEach(list::add);
        return bytes(n);
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
    private record Asset(byte[] bytes, String contentType, String etag) {
        static Asset load(String name, String contentType) {
            try (InputStream in = DashboardServer.class.getResourceAsStream(STATIC + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + STATIC + name);
                }
                byte[] bytes = in.readAllBytes();
                return new Asset(bytes, contentType, DashboardServer.etag(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
