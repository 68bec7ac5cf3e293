package ai.carbonbench.examples.server;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A {@link DashboardServer} on an ephemeral loopback port and a client for it. */
final class TestServer implements AutoCloseable, AfterAllCallback {

    static final Clock NOON = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    final CarbonBench bench;
    final DashboardServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private TestServer(CarbonBench bench) {
        this.bench = bench;
        this.server = DashboardServer.start(bench, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private TestServer(CarbonBench bench, ai.carbonbench.core.grid.GridIntensitySource source) {
        this.bench = bench;
        this.server = DashboardServer.start(bench, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), source);
    }

    /** On this CarbonBench, built with {@code source}, which the server shares with its other boundaries. */
    static TestServer on(CarbonBench bench, ai.carbonbench.core.grid.GridIntensitySource source) {
        return new TestServer(bench, source);
    }

    /** On the small fixture catalog of the CLI tests, at a fixed noon. */
    static TestServer onFixture() {
        return new TestServer(CarbonBench.builder().catalog(Catalog.load(fixture())).clock(NOON).build());
    }

    /** On this CarbonBench, which the server closes with itself. */
    static TestServer on(CarbonBench bench) {
        return new TestServer(bench);
    }

    /** On the embedded catalog, at a fixed noon. */
    static TestServer onEmbedded() {
        return new TestServer(CarbonBench.builder().clock(NOON).build());
    }

    static Path fixture() {
        try {
            return Path.of(TestServer.class.getResource("/mini-catalog.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    /** GET of a raw path and query, sent exactly as written (no normalisation). */
    Response get(String rawPathAndQuery) {
        return send("GET", rawPathAndQuery);
    }

    Response send(String method, String rawPathAndQuery) {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + rawPathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends one request line exactly as given over a plain socket; returns the whole answer. */
    String raw(String requestLine) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        bench.close();
    }

    /** Registered with {@code @RegisterExtension static final TestServer server = ...}: closed after the class. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
