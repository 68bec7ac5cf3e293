package ai.carbonbench.core.grid;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import ai.carbonbench.core.catalog.EmissionFactor;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

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

final class ElectricityMapsContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() {
        return new ElectricityMapsSource.Builder(n -> null).apiKey("k").baseUrl(URI.create(ContractServer.wm.baseUrl()))
                .clock(Clock.fixed(Instant.parse("2023-05-02T19:55:00Z"), ZoneOffset.UTC)).executor(Runnable::run)
                .logger(new RecordingLogger()).build();
    }
}

final class UkCarbonIntensityContractTest extends GridIntensitySourceContract {
    @Override
    String knownZone() {
        return "GB";
    }

    @Override
    GridIntensitySource source() {
        return new UkCarbonIntensitySource.Builder(n -> null).baseUrl(URI.create(ContractServer.wm.baseUrl()))
                .clock(Clock.fixed(Instant.parse("2020-05-21T21:05:00Z"), ZoneOffset.UTC)).executor(Runnable::run)
                .logger(new RecordingLogger()).build();
    }
}

final class CachedContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() {
        return new CachedSource(new FakeFetcher(), new CachedSource.Settings(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(6), Duration.ZERO, new FakeTicker(),
                Clock.fixed(Instant.parse("2026-01-01T12:10:00Z"), ZoneOffset.UTC), Runnable::run, new RecordingLogger()), null);
    }
}

final class StaticContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() {
        return new StaticGridIntensitySource(TestCatalog.load(), EmissionFactor.LIFECYCLE, Clock.systemUTC());
    }
}

final class SnapshotContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() throws Exception {
        Path file = Files.createTempFile("grid", ".json");
        file.toFile().deleteOnExit();
        GridIntensitySource from = new StaticGridIntensitySource(TestCatalog.load(), EmissionFactor.LIFECYCLE, Clock.systemUTC());
        SnapshotSource.write(from, List.of("DE", "GB"), file);
        return SnapshotSource.builder(file.toString()).executor(Runnable::run).logger(new RecordingLogger()).build();
    }
}

final class ChainContractTest extends GridIntensitySourceContract {
    @Override
    GridIntensitySource source() {
        return GridSources.chain(new UkCarbonIntensitySource.Builder(n -> null).baseUrl(URI.create(ContractServer.wm.baseUrl()))
                .executor(Runnable::run).logger(new RecordingLogger()).build(),
                new StaticGridIntensitySource(TestCatalog.load(), EmissionFactor.LIFECYCLE, Clock.systemUTC()));
    }
}
