package ai.carbonbench.core.grid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class UkCarbonIntensitySourceTest extends GridHttpTest {

    UkCarbonIntensitySource.Builder builder(String now) {
        return new UkCarbonIntensitySource.Builder(name -> null).baseUrl(URI.create(wm.baseUrl()))
                .clock(Clock.fixed(Instant.parse(now), ZoneOffset.UTC)).ticker(ticker).executor(Runnable::run)
                .delayer(delayer).logger(log).random(() -> 1.0).maxRetries(1).requestTimeout(Duration.ofSeconds(3));
    }

    static CachedSource load(GridIntensitySource s) throws Exception {
        s.prefetch(List.of("GB")).get(10, TimeUnit.SECONDS);
        return (CachedSource) s;
    }

    @Test
    void reads_the_national_current_value_preferring_the_settled_actual() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/intensity")).willReturn(okJson(WireMockSupport.payload("ukci-intensity.docs-example.json"))));
        GridIntensitySource s = load(builder("2018-01-20T12:40:00Z").build());

        assertThat(s.current("GB")).contains(new GridIntensity("GB", 263, Instant.parse("2018-01-20T12:00:00Z"),
                "carbonintensity.org.uk", false, Provenance.LIVE));
        wm.verify(getRequestedFor(urlPathEqualTo("/intensity")).withHeader("Accept", equalTo("application/json")));
        wm.verify(0, getRequestedFor(anyUrl()).withHeader("auth-token", com.github.tomakehurst.wiremock.client.WireMock.matching(".*")));
    }

    @Test
    void converts_the_operational_figures_to_life_cycle_ones_when_asked_and_marks_them_estimated() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/intensity")).willReturn(okJson(WireMockSupport.payload("ukci-intensity.docs-example.json"))));
        GridIntensitySource s = load(builder("2018-01-20T12:40:00Z").lifecycleFactor(1.5).build());

        assertThat(s.current("GB")).contains(new GridIntensity("GB", 263 * 1.5, Instant.parse("2018-01-20T12:00:00Z"),
                "carbonintensity.org.uk", true, Provenance.LIVE));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder("2018-01-20T12:40:00Z").lifecycleFactor(0.5))
                .hasMessageContaining("lifecycleFactor");
    }

    @Test
    void asks_for_the_24_hour_forecast_one_minute_past_the_half_hour_and_drops_the_slot_that_ended() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/intensity/2020-05-21T21:01Z/fw24h"))
                .willReturn(okJson(WireMockSupport.payload("ukci-intensity-fw24h.national.2020-05-21T2100Z.json"))));
        GridIntensitySource s = load(builder("2020-05-21T21:05:00Z").build());

        List<GridIntensity> f = s.forecast("GB");
        assertThat(f).hasSize(48);
        assertThat(f.get(0).at()).isEqualTo(Instant.parse("2020-05-21T21:00:00Z"));
        assertThat(f).extracting(GridIntensity::provenance).containsOnly(Provenance.FORECAST);
        assertThat(f).allMatch(GridIntensity::estimated); // actual is null for every future slot
        assertThat(f.get(f.size() - 1).gramsPerKwh()).isEqualTo(68);
    }

    @Test
    void reads_a_region_whose_current_data_is_an_array_and_whose_range_data_is_an_object() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/regional/regionid/11"))
                .willReturn(okJson(WireMockSupport.payload("ukci-regional-regionid-12.current.json").replace("\"regionid\": 12", "\"regionid\": 11"))));
        wm.stubFor(get(urlPathEqualTo("/regional/intensity/2023-01-01T02:10Z/pt24h/regionid/11"))
                .willReturn(okJson(WireMockSupport.payload("ukci-regional-intensity-range.postcode-BS7.json"))));
        GridIntensitySource s = load(builder("2023-01-01T02:10:00Z").region(11).build());

        assertThat(s.current("GB")).map(GridIntensity::gramsPerKwh).contains(272.0);
        assertThat(s.current("GB")).map(GridIntensity::estimated).contains(true);
        assertThat(s.history("GB")).hasSize(5).extracting(GridIntensity::at).isSorted();
        assertThat(s.history("GB").get(4).gramsPerKwh()).isEqualTo(175);
    }

    @Test
    void an_answer_for_another_region_is_never_used() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/regional/regionid/13"))
                .willReturn(okJson(WireMockSupport.payload("ukci-regional-regionid-12.current.json"))));
        GridIntensitySource s = load(builder("2023-08-14T19:10:00Z").region(13).build());
        assertThat(s.current("GB")).isEmpty();
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("WRONG_ZONE", "region 13", "region 12"));
    }

    @Test
    void answers_only_for_its_zone_without_asking_for_others() throws Exception {
        GridIntensitySource s = builder("2020-05-21T21:05:00Z").build();
        s.prefetch(List.of("DE", "FR")).get(5, TimeUnit.SECONDS);
        assertThat(s.current("DE")).isEmpty();
        assertThat(s.forecast("FR")).isEmpty();
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void reads_the_base_url_from_the_environment() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/intensity")).willReturn(okJson(WireMockSupport.payload("ukci-intensity.docs-example.json"))));
        GridIntensitySource s = new UkCarbonIntensitySource.Builder(Map.of("CARBONINTENSITY_UK_BASE_URL", wm.baseUrl())::get)
                .executor(Runnable::run).logger(log).build();
        load(s);
        assertThat(s.current("GB")).isPresent();
    }

    enum UkFault {
        SERVER_500(aResponse().withStatus(500).withBody(WireMockSupport.payload("ukci.error-500.issue-19.json")), "SERVER", "Requested resource not found"),
        BAD_REQUEST_400(aResponse().withStatus(400).withBody(WireMockSupport.payload("ukci.error-400.docs-example.json")), "CLIENT", "HTTP 400"),
        OUTAGE_200_WITHOUT_SLOTS(okJson("{\"data\":[]}"), "NO_DATA", "outage"),
        NULL_INTENSITY(okJson("{\"data\":[{\"from\":\"2018-01-20T12:00Z\",\"to\":\"2018-01-20T12:30Z\",\"intensity\":{\"forecast\":null,\"actual\":null,\"index\":\"moderate\"}}]}"), "NO_DATA", ""),
        MALFORMED_JSON(okJson("{\"data\":[{\"from\":"), "MALFORMED", ""),
        READ_TIMEOUT(aResponse().withFixedDelay(1000).withBody("{}"), "NETWORK", "timed out");

        final ResponseDefinitionBuilder response;
        final String kind;
        final String detail;

        UkFault(ResponseDefinitionBuilder response, String kind, String detail) {
            this.response = response;
            this.kind = kind;
            this.detail = detail;
        }
    }

    @ParameterizedTest
    @EnumSource(UkFault.class)
    void a_fault_keeps_the_last_good_value_and_warns_once(UkFault fault) throws Exception {
        wm.stubFor(get(urlPathEqualTo("/intensity")).willReturn(okJson(WireMockSupport.payload("ukci-intensity.docs-example.json"))));
        // a short timeout only where the row is about timeouts: the first request of a cold JVM can be slow
        Duration timeout = fault == UkFault.READ_TIMEOUT ? Duration.ofMillis(300) : Duration.ofSeconds(3);
        CachedSource s = load(builder("2018-01-20T12:40:00Z").requestTimeout(timeout).build());
        wm.stubFor(get(urlPathMatching("/intensity")).willReturn(fault.response));
        for (int i = 0; i < 3; i++) {
            s.refreshNow("GB").get(10, TimeUnit.SECONDS);
        }
        assertThat(s.current("GB")).map(GridIntensity::gramsPerKwh).contains(263.0);
        assertThat(log.warnings()).filteredOn(w -> w.contains("latest")).singleElement().asString()
                .contains("zone GB", fault.kind, fault.detail);
    }
}
