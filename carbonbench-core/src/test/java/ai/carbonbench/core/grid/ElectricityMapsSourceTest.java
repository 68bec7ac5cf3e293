package ai.carbonbench.core.grid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.catalog.EmissionFactor;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class ElectricityMapsSourceTest extends GridHttpTest {

    static final String KEY = "em-test-key-7f3a9c";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2023-05-02T19:55:00Z"), ZoneOffset.UTC);
    static final String LATEST = "/v3/carbon-intensity/latest";
    static final String HISTORY = "/v3/carbon-intensity/history";
    static final String FORECAST = "/v3/carbon-intensity/forecast";

    ElectricityMapsSource.Builder builder() {
        return new ElectricityMapsSource.Builder(name -> null).apiKey(KEY).baseUrl(URI.create(wm.baseUrl()))
                .ticker(ticker).clock(CLOCK).executor(Runnable::run).delayer(delayer).logger(log).random(() -> 1.0)
                .requestTimeout(Duration.ofSeconds(3));
    }

    static void stubAll() {
        wm.stubFor(get(urlPathEqualTo(LATEST)).withHeader("auth-token", equalTo(KEY))
                .willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-latest.DE.json"))));
        wm.stubFor(get(urlPathEqualTo(HISTORY)).withHeader("auth-token", equalTo(KEY))
                .willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-history.DE.json"))));
        wm.stubFor(get(urlPathEqualTo(FORECAST)).withHeader("auth-token", equalTo(KEY))
                .willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-forecast.DE.trial-2023-05-02.json"))));
    }

    static CachedSource load(GridIntensitySource s, String zone) throws Exception {
        s.prefetch(List.of(zone)).get(10, TimeUnit.SECONDS);
        return (CachedSource) s;
    }

    @Test
    void fetches_the_latest_value_with_the_token_header_and_lifecycle_factors() throws Exception {
        stubAll();
        GridIntensitySource s = load(builder().build(), "DE");

        assertThat(s.current("DE")).contains(new GridIntensity("DE", 428, Instant.parse("2024-03-01T23:00:00Z"),
                "electricitymaps", true, Provenance.LIVE));
        wm.verify(1, getRequestedFor(urlPathEqualTo(LATEST)).withQueryParam("zone", equalTo("DE"))
                .withQueryParam("emissionFactorType", equalTo("lifecycle")).withHeader("auth-token", equalTo(KEY))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void reads_the_24_hour_history_oldest_first_with_the_estimated_flag() throws Exception {
        stubAll();
        GridIntensitySource s = load(builder().build(), "DE");

        List<GridIntensity> h = s.history("DE");
        assertThat(h).hasSize(24);
        assertThat(h.get(0).at()).isEqualTo(Instant.parse("2024-03-05T20:00:00Z"));
        assertThat(h.get(0).gramsPerKwh()).isEqualTo(599);
        assertThat(h.get(23).gramsPerKwh()).isEqualTo(689);
        assertThat(h).extracting(GridIntensity::provenance).containsOnly(Provenance.HISTORY);
        assertThat(h.get(23).estimated()).isTrue();
        assertThat(h.get(0).estimated()).isFalse();
        wm.verify(getRequestedFor(urlPathEqualTo(HISTORY)).withQueryParam("zone", equalTo("DE"))
                .withHeader("auth-token", equalTo(KEY)));
    }

    @Test
    void asks_for_72_hours_of_forecast_accepts_fewer_and_sorts_them() throws Exception {
        stubAll();
        // the documented quirk: points may come in any order
        String reversed = reverseForecast(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-forecast.DE.trial-2023-05-02.json"));
        wm.stubFor(get(urlPathEqualTo(FORECAST)).willReturn(okJson(reversed)));
        GridIntensitySource s = load(builder().build(), "DE");

        List<GridIntensity> f = s.forecast("DE");
        assertThat(f).hasSize(48);
        assertThat(f).extracting(GridIntensity::at).isSorted();
        assertThat(f.get(0)).isEqualTo(new GridIntensity("DE", 557, Instant.parse("2023-05-02T20:00:00Z"),
                "electricitymaps", false, Provenance.FORECAST));
        wm.verify(getRequestedFor(urlPathEqualTo(FORECAST)).withQueryParam("zone", equalTo("DE"))
                .withQueryParam("horizonHours", equalTo("72")).withHeader("auth-token", equalTo(KEY)));
    }

    static String reverseForecast(String json) throws Exception {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) GridSupport.JSON.readTree(json);
        var arr = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("forecast");
        var rev = GridSupport.JSON.createArrayNode();
        for (int i = arr.size() - 1; i >= 0; i--) {
            rev.add(arr.get(i));
        }
        root.set("forecast", rev);
        return root.toString();
    }

    @Test
    void sends_direct_factors_when_asked_and_rejects_an_answer_in_lifecycle_factors() throws Exception {
        stubAll(); // the example payload says emissionFactorType "lifecycle"
        GridIntensitySource s = load(builder().emissionFactor(EmissionFactor.DIRECT).build(), "DE");

        wm.verify(getRequestedFor(urlPathEqualTo(LATEST)).withQueryParam("emissionFactorType", equalTo("direct")));
        assertThat(s.current("DE")).isEmpty();
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("WRONG_ZONE", "direct", "lifecycle"));
    }

    @Test
    void accepts_a_base_url_ending_in_v3_and_reads_key_and_url_from_the_environment() throws Exception {
        stubAll();
        Map<String, String> env = Map.of("ELECTRICITYMAPS_API_KEY", KEY, "ELECTRICITYMAPS_BASE_URL", wm.baseUrl() + "/v3/");
        GridIntensitySource s = new ElectricityMapsSource.Builder(env::get).executor(Runnable::run).delayer(delayer)
                .logger(log).ticker(ticker).clock(CLOCK).build();
        load(s, "DE");
        assertThat(s.current("DE")).isPresent();
        wm.verify(getRequestedFor(urlPathEqualTo(LATEST)).withHeader("auth-token", equalTo(KEY)));
    }

    @Test
    void refuses_to_build_without_a_key_and_names_the_variable() {
        assertThatThrownBy(() -> new ElectricityMapsSource.Builder(name -> null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ELECTRICITYMAPS_API_KEY");
    }

    @Test
    void never_shows_the_key_in_to_string_or_logs() throws Exception {
        wm.stubFor(get(urlPathEqualTo(LATEST)).willReturn(aResponse().withStatus(401)
                .withBody(WireMockSupport.payload("electricitymaps-v3.error-401-invalid-auth-token.json"))));
        ElectricityMapsSource.Builder b = builder();
        GridIntensitySource s = load(b.build(), "DE");
        s.current("DE");
        assertThat(b.toString()).doesNotContain(KEY).contains("****");
        assertThat(s.toString()).doesNotContain(KEY).contains("****");
        assertThat(log.events).isNotEmpty().allSatisfy(e -> assertThat(e.message()).doesNotContain(KEY));
    }

    @Test
    void an_answer_for_another_zone_is_never_used_and_is_logged_once() throws Exception {
        wm.stubFor(get(urlPathEqualTo(LATEST)).withQueryParam("zone", equalTo("DE"))
                .willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-latest.US-CAR-DUK.json"))));
        CachedSource s = load(builder().build(), "DE");
        for (int i = 0; i < 3; i++) {
            s.refreshNow("DE").get(10, TimeUnit.SECONDS);
            assertThat(s.current("DE")).isEmpty();
        }
        assertThat(log.warnings()).filteredOn(w -> w.contains("latest")).singleElement().asString()
                .contains("WRONG_ZONE", "asked for zone DE", "US-CAR-DUK");
    }

    @Test
    void backs_off_exponentially_between_retries_of_a_5xx() throws Exception {
        wm.stubFor(get(urlPathEqualTo(LATEST)).willReturn(aResponse().withStatus(503)));
        load(builder().build(), "DE");
        wm.verify(4, getRequestedFor(urlPathEqualTo(LATEST)));
        assertThat(delayer.waits).containsSubsequence(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void jitter_spreads_the_backoff_between_half_and_the_full_step() throws Exception {
        wm.stubFor(get(urlPathEqualTo(LATEST)).willReturn(aResponse().withStatus(500)));
        load(builder().random(() -> 0.0).build(), "DE");
        assertThat(delayer.waits).containsSubsequence(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void honours_retry_after_in_seconds_for_every_request_of_the_source() throws Exception {
        wm.stubFor(get(urlPathEqualTo(LATEST)).inScenario("429").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo(LATEST)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-latest.DE.json"))));
        GridIntensitySource s = load(builder().build(), "DE");
        assertThat(delayer.waits).contains(Duration.ofSeconds(7));
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(428.0);
        assertThat(log.warnings()).filteredOn(w -> w.contains("latest")).isEmpty();
    }

    @Test
    void honours_retry_after_as_an_http_date() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(CLOCK.instant().plusSeconds(30), ZoneOffset.UTC));
        wm.stubFor(get(urlPathEqualTo(LATEST)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", date)));
        load(builder().maxRetries(1).build(), "DE");
        assertThat(delayer.waits).contains(Duration.ofSeconds(30));
    }

    @Test
    void a_retry_after_longer_than_a_load_may_wait_fails_the_load_and_pauses_the_source() throws Exception {
        wm.stubFor(get(urlPathEqualTo(LATEST)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        wm.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        wm.stubFor(get(urlPathEqualTo(FORECAST)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        CachedSource s = load(builder().build(), "DE");
        assertThat(s.current("DE")).isEmpty();
        assertThat(delayer.waits).noneMatch(d -> d.compareTo(Duration.ofMinutes(1)) > 0);
        assertThat(wm.getAllServeEvents()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void the_rate_limit_spaces_requests_beyond_the_burst() throws Exception {
        stubAll();
        GridIntensitySource s = builder().requestsPerSecond(2).build();
        s.prefetch(List.of("DE", "FR")).get(10, TimeUnit.SECONDS); // 6 requests at 2/s, burst 2
        assertThat(delayer.waits).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(500)));
        assertThat(ticker.read() - 1_000_000_000L).isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    }

    /** The fault matrix: one row per fault, each checked cold (no value yet) and warm (a good value cached). */
    enum EmFault {
        READ_TIMEOUT(aResponse().withFixedDelay(1000).withBody("{}"), "NETWORK", 2),
        CONNECTION_RESET(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "NETWORK", 2),
        INVALID_TOKEN_401(aResponse().withStatus(401).withBody(WireMockSupport.payload("electricitymaps-v3.error-401-invalid-auth-token.json")), "UNAUTHORIZED", 1),
        ZONE_NOT_IN_PLAN_401(aResponse().withStatus(401).withBody(WireMockSupport.payload("electricitymaps-v3.error-401-request-unauthorized.IT.json")), "NOT_IN_PLAN", 1),
        NOT_FOUND_404(aResponse().withStatus(404).withBody("{\"error\":\"Zone 'DE' does not exist\"}"), "CLIENT", 1),
        TOO_MANY_429(aResponse().withStatus(429).withHeader("Retry-After", "2"), "RATE_LIMITED", 2),
        SERVER_500(aResponse().withStatus(500).withBody(WireMockSupport.payload("electricitymaps-v3.error-500-legacy-status-error.json")), "SERVER", 2),
        BAD_GATEWAY_502(aResponse().withStatus(502).withBody("<html>bad gateway</html>"), "SERVER", 2),
        UNAVAILABLE_503(aResponse().withStatus(503), "SERVER", 2),
        MALFORMED_JSON(okJson("{\"zone\": \"DE\", \"carbonIntensity\": 4"), "MALFORMED", 1),
        TRUNCATED_BODY(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), "NETWORK", 2),
        NULL_INTENSITY(okJson("{\"zone\":\"DE\",\"carbonIntensity\":null,\"datetime\":\"2024-03-01T23:00:00.000Z\"}"), "NO_DATA", 1),
        WRONG_ZONE(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-latest.FR.json")), "WRONG_ZONE", 1);

        final ResponseDefinitionBuilder response;
        final String kind;
        final int attempts;

        EmFault(ResponseDefinitionBuilder response, String kind, int attempts) {
            this.response = response;
            this.kind = kind;
            this.attempts = attempts;
        }
    }

    @ParameterizedTest
    @EnumSource(EmFault.class)
    void a_fault_never_reaches_the_caller_keeps_the_last_good_value_and_warns_once(EmFault fault) throws Exception {
        // cold: nothing known, the caller gets empty (the facade then uses DEFAULT)
        // a short timeout only where the row is about timeouts: the first request of a cold JVM can be slow
        Duration timeout = fault == EmFault.READ_TIMEOUT ? Duration.ofMillis(300) : Duration.ofSeconds(3);
        wm.stubFor(get(urlPathEqualTo(LATEST)).willReturn(fault.response));
        CachedSource cold = load(builder().maxRetries(1).requestTimeout(timeout).build(), "DE");
        assertThat(cold.current("DE")).isEmpty();
        wm.verify(fault.attempts, getRequestedFor(urlPathEqualTo(LATEST)));
        assertThat(log.warnings()).filteredOn(w -> w.contains("latest")).singleElement().asString()
                .contains("zone DE", fault.kind, "callers get the fallback");

        // warm: a good value, then the fault on every refresh
        wm.resetAll();
        log.events.clear();
        stubAll();
        CachedSource warm = load(builder().maxRetries(1).requestTimeout(timeout).build(), "DE");
        wm.stubFor(get(urlPathEqualTo(LATEST)).willReturn(fault.response));
        for (int i = 0; i < 3; i++) {
            warm.refreshNow("DE").get(10, TimeUnit.SECONDS);
        }
        assertThat(warm.current("DE")).map(GridIntensity::gramsPerKwh).contains(428.0);
        assertThat(warm.current("DE")).map(GridIntensity::provenance).contains(Provenance.LIVE);
        // Only the faulty signal counts: a reset connection can also break a pooled request for another signal.
        assertThat(log.warnings()).filteredOn(w -> w.contains("latest")).singleElement().asString()
                .contains("zone DE", fault.kind, "serving the last good value");
    }

    /**
     * The matrix row the WireMock stub cannot play: a host that never completes the TCP handshake. A
     * loopback listener with a backlog of one that never accepts, its queue filled by two raw connections:
     * Linux then drops further SYNs, so the HTTP client's connect times out (checked below, so that the
     * row cannot pass for another reason).
     */
    @Test
    void a_connect_timeout_answers_empty_at_once_cold_keeps_the_last_good_value_warm_and_warns_once() throws Exception {
        Duration connectTimeout = Duration.ofMillis(300);

        // cold: the read answers empty while the load is still trying to connect
        try (BlackHole hole = BlackHole.open(0)) {
            CachedSource cold = (CachedSource) builder().baseUrl(hole.baseUrl()).connectTimeout(connectTimeout)
                    .maxRetries(1).build();
            assertThat(cold.current("DE")).isEmpty();
            CompletableFuture<Void> loading = cold.prefetch(List.of("DE"));
            assertThat(loading).as("the read did not wait for the connect").isNotDone();
            loading.get(10, TimeUnit.SECONDS);
            assertThat(cold.current("DE")).isEmpty();
            assertThat(delayer.waits).as("one retry after backoff").contains(Duration.ofSeconds(1));
            assertThat(log.warnings()).filteredOn(w -> w.contains("latest")).singleElement().asString()
                    .contains("zone DE", "NETWORK", "HttpConnectTimeoutException", "callers get the fallback");
        }

        // warm: a good value from a server that closes every connection (so none is pooled), then the
        // same port stops answering handshakes
        log.events.clear();
        WireMockServer own = WireMockSupport.start();
        int port = own.port();
        own.stubFor(get(urlPathEqualTo(LATEST)).willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-latest.DE.json"))
                .withHeader("Connection", "close")));
        own.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-history.DE.json"))
                .withHeader("Connection", "close")));
        own.stubFor(get(urlPathEqualTo(FORECAST)).willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-forecast.DE.trial-2023-05-02.json"))
                .withHeader("Connection", "close")));
        CachedSource warm;
        try {
            warm = load(builder().baseUrl(URI.create(own.baseUrl())).connectTimeout(connectTimeout).maxRetries(1).build(), "DE");
            assertThat(warm.current("DE")).map(GridIntensity::gramsPerKwh).contains(428.0);
        } finally {
            own.stop();
        }
        try (BlackHole hole = BlackHole.open(port)) {
            for (int i = 0; i < 2; i++) {
                warm.refreshNow("DE").get(10, TimeUnit.SECONDS);
            }
            assertThat(warm.current("DE")).map(GridIntensity::gramsPerKwh).contains(428.0);
            assertThat(warm.current("DE")).map(GridIntensity::provenance).contains(Provenance.LIVE);
            assertThat(log.warnings()).filteredOn(w -> w.contains("latest")).singleElement().asString()
                    .contains("zone DE", "NETWORK", "HttpConnectTimeoutException", "serving the last good value");
        }
    }

    /** A loopback port that accepts no connection: its accept queue is full, so SYNs go unanswered. */
    static final class BlackHole implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> queued = new ArrayList<>();

        private BlackHole(ServerSocket server) {
            this.server = server;
        }

        static BlackHole open(int port) throws IOException {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true); // the warm case rebinds the port WireMock just released
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            BlackHole hole = new BlackHole(ss);
            for (int i = 0; i < 8; i++) { // Linux queues backlog + 1 connections; fill until one hangs
                Socket s = new Socket();
                try {
                    s.connect(ss.getLocalSocketAddress(), 200);
                    hole.queued.add(s);
                } catch (SocketTimeoutException full) {
                    s.close();
                    return hole;
                }
            }
            hole.close();
            throw new IllegalStateException("the accept queue never filled: this OS answers SYNs beyond the backlog");
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            for (Socket s : queued) {
                s.close();
            }
            server.close();
        }
    }

    @Test
    void empty_history_and_unknown_fields_are_handled() throws Exception {
        stubAll();
        wm.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(okJson("{\"zone\":\"DE\",\"history\":[]}")));
        wm.stubFor(get(urlPathEqualTo(LATEST)).willReturn(okJson("{\"zone\":\"DE\",\"carbonIntensity\":42.5,"
                + "\"datetime\":\"2024-03-01T23:00:00.000Z\",\"temporalGranularity\":\"hourly\",\"flowTraced\":true,"
                + "\"somethingNew\":{\"nested\":[1,2]},\"isEstimated\":false}")));
        GridIntensitySource s = load(builder().build(), "DE");
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(42.5);
        assertThat(s.history("DE")).isEmpty();
        assertThat(log.warnings()).singleElement().asString().contains("history", "NO_DATA", "empty history");
    }

    @Test
    void null_points_in_history_are_dropped_not_read_as_zero() throws Exception {
        stubAll();
        wm.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(okJson("{\"zone\":\"DE\",\"history\":["
                + "{\"zone\":\"DE\",\"carbonIntensity\":null,\"datetime\":\"2024-03-06T18:00:00.000Z\"},"
                + "{\"zone\":\"DE\",\"carbonIntensity\":300,\"datetime\":\"2024-03-06T19:00:00.000Z\"}]}")));
        GridIntensitySource s = load(builder().build(), "DE");
        assertThat(s.history("DE")).extracting(GridIntensity::gramsPerKwh).containsExactly(300.0);
    }
}
