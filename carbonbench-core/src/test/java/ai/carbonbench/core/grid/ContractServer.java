package ai.carbonbench.core.grid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;

/** One emulator of both APIs for all contract tests, started once, stopped when the JVM exits. */
final class ContractServer {

    static final WireMockServer wm = start();

    private ContractServer() {
    }

    private static WireMockServer start() {
        WireMockServer wm = WireMockSupport.start();
        Runtime.getRuntime().addShutdownHook(new Thread(wm::stop));
        wm.stubFor(get(urlPathEqualTo(ElectricityMapsSourceTest.LATEST)).withQueryParam("zone", equalTo("DE"))
                .willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-latest.DE.json"))));
        wm.stubFor(get(urlPathEqualTo(ElectricityMapsSourceTest.HISTORY)).withQueryParam("zone", equalTo("DE"))
                .willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-history.DE.json"))));
        wm.stubFor(get(urlPathEqualTo(ElectricityMapsSourceTest.FORECAST)).withQueryParam("zone", equalTo("DE"))
                .willReturn(okJson(WireMockSupport.payload("electricitymaps-v3-carbon-intensity-forecast.DE.trial-2023-05-02.json"))));
        wm.stubFor(get(urlPathMatching("/v3/.*")).withQueryParam("zone", equalTo("XX-UNKNOWN")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"error\":\"Zone 'XX-UNKNOWN' does not exist\"}")));
        wm.stubFor(get(urlPathEqualTo("/intensity")).willReturn(okJson(WireMockSupport.payload("ukci-intensity.docs-example.json"))));
        wm.stubFor(get(urlPathMatching("/intensity/.*/pt24h")).willReturn(okJson(WireMockSupport.payload("ukci-intensity.docs-example.json"))));
        wm.stubFor(get(urlPathMatching("/intensity/.*/fw24h"))
                .willReturn(okJson(WireMockSupport.payload("ukci-intensity-fw24h.national.2020-05-21T2100Z.json"))));
        return wm;
    }
}
