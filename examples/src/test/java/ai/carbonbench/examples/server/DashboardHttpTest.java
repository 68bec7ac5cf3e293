package ai.carbonbench.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.examples.server.TestServer.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP behaviour of the server itself: HEAD, CORS preflight, validators, compression, limits and slow clients. */
final class DashboardHttpTest {

    @RegisterExtension
    static final TestServer server = TestServer.onEmbedded();

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.server.address().getPort() + path);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void head_answers_every_get_route_with_no_body() {
        for (String path : List.of("/api/models", "/api/leaderboard?limit=3", "/", "/app.js", "/favicon.ico")) {
            Response head = server.send("HEAD", path);
            assertThat(head.status()).as(path).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.header("Content-Type")).as(path).isEqualTo(server.get(path).header("Content-Type"));
        }
        assertThat(server.send("HEAD", "/api/models").header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(server.send("HEAD", "/nope").status()).isEqualTo(404);
    }

    @Test
    void options_answers_a_cors_preflight_with_204() {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/api/recommend"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match"));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("GET");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("If-None-Match");
        assertThat(r.headers().firstValue("Access-Control-Max-Age")).isPresent();
        assertThat(server.send("OPTIONS", "/").status()).isEqualTo(204);
        assertThat(server.send("OPTIONS", "/").header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(server.send("OPTIONS", "/api/nope").status()).isEqualTo(404);
    }

    @Test
    void malformed_percent_encoding_is_a_json_400_with_the_usual_headers() {
        // java.net.URI refuses to build such a request, so it goes over a plain socket.
        String r = server.raw("GET /api/recommend?model=%zz HTTP/1.1");
        assertThat(r).startsWith("HTTP/1.1 400 ");
        String headers = r.substring(0, r.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(headers).contains("content-type: application/json", "access-control-allow-origin: *",
                "x-content-type-options: nosniff", "referrer-policy: no-referrer", "cache-control: no-store");
        assertThat(r.substring(r.indexOf("\r\n\r\n") + 4))
                .isEqualTo("{\"error\":\"malformed percent-encoding in the query string\",\"suggestions\":[]}");
    }

    @Test
    void a_second_identical_request_with_if_none_match_gets_304() {
        for (String path : List.of("/api/leaderboard", "/api/recommend?model=llama-3.1-70b", "/", "/app.css")) {
            Response first = server.get(path);
            String etag = first.header("ETag");
            assertThat(etag).as(path).isNotEmpty();
            HttpResponse<byte[]> again = send(HttpRequest.newBuilder(uri(path)).header("If-None-Match", etag));
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).hasValue(etag);
            HttpResponse<byte[]> stale = send(HttpRequest.newBuilder(uri(path)).header("If-None-Match", "W/\"other\""));
            assertThat(stale.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(server.get("/api/leaderboard?limit=1").header("ETag")).isNotEqualTo(server.get("/api/leaderboard").header("ETag"));
    }

    @Test
    void on_a_running_clock_equal_requests_within_a_minute_share_their_etag() {
        try (TestServer live = TestServer.on(ai.carbonbench.core.CarbonBench.builder()
                .clock(java.time.Clock.systemUTC()).build())) {
            for (int attempt = 0; ; attempt++) {
                long minute = System.currentTimeMillis() / 60_000;
                Response first = live.get("/api/recommend?model=llama-3.1-70b");
                Response second = live.get("/api/recommend?model=llama-3.1-70b");
                if (minute != System.currentTimeMillis() / 60_000 && attempt < 3) {
                    continue; // a minute boundary fell between the two: the answers may differ
                }
                assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
                assertThat(first.json().get("best").get("at").asText()).endsWith(":00Z");
                break;
            }
        }
    }

    @Test
    void large_answers_are_gzipped_when_the_client_accepts_it() throws IOException {
        Response plain = server.get("/api/leaderboard");
        HttpResponse<byte[]> gz = send(HttpRequest.newBuilder(uri("/api/leaderboard")).header("Accept-Encoding", "gzip"));
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
            unzipped = in.readAllBytes();
        }
        assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(plain.body());
        assertThat(gz.body().length).isLessThan(plain.body().length() / 4);
        assertThat(gz.headers().firstValue("ETag")).hasValue(plain.header("ETag"));
    }

    @Test
    void oversized_headers_and_bodies_are_refused_as_json() {
        String big = server.raw("GET /api/models HTTP/1.1\r\nX-Filler: " + "a".repeat(DashboardServer.MAX_HEADER_BYTES + 10));
        assertThat(big).startsWith("HTTP/1.1 431").containsIgnoringCase("Content-Type: application/json")
                .contains("{\"error\":");
        String body = server.raw("GET /api/models HTTP/1.1\r\nContent-Length: 10000000");
        assertThat(body).startsWith("HTTP/1.1 413").contains("{\"error\":");
    }

    @Test
    void the_favicon_is_served() {
        Response icon = server.get("/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).startsWith("image/");
    }

    /**
     * The slow-client scenario: 16 connections send their headers one line every 5 s and 4 send a
     * body against a large Content-Length, while 20 ordinary requests are made. Each of those must answer
     * within 2 s (generous: they take milliseconds when nothing stalls the server).
     */
    @Test
    void slow_clients_do_not_stall_other_requests() throws Exception {
        int port = server.server.address().getPort();
        List<Socket> slow = new ArrayList<>();
        ExecutorService trickle = Executors.newFixedThreadPool(20, r -> {
            Thread t = new Thread(r, "trickler");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                slow.add(s);
                boolean body = i >= 16;
                trickle.submit(() -> trickleFrom(s, body));
            }
            Thread.sleep(500); // every slow connection is open and has started sending
            ExecutorService clients = Executors.newFixedThreadPool(20);
            try {
                List<Future<Long>> answers = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String path = i % 2 == 0 ? "/api/recommend?model=llama-3.1-70b" : "/api/leaderboard?limit=50";
                    answers.add(clients.submit(() -> {
                        long start = System.nanoTime();
                        Response r = server.get(path);
                        assertThat(r.status()).isEqualTo(200);
                        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    }));
                }
                for (Future<Long> a : answers) {
                    assertThat(a.get(10, TimeUnit.SECONDS)).as("milliseconds to answer").isLessThan(2_000);
                }
            } finally {
                clients.shutdownNow();
            }
        } finally {
            trickle.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static Void trickleFrom(Socket socket, boolean body) {
        try {
            OutputStream out = socket.getOutputStream();
            if (body) {
                out.write(("GET /api/models HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write("GET /api/models HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                Thread.sleep(body ? 1_000 : 5_000);
                out.write((body ? "x" : "X-Slow-" + i + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // closed by the test or the server: either ends the trickle
        }
        return null;
    }
}
