package ai.carbonbench.core.grid;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SnapshotSourceTest extends GridHttpTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:10:00Z");
    @TempDir
    Path dir;

    /** A loaded live source: the fake fetcher behind a real cache. */
    CachedSource live() throws Exception {
        CachedSource s = new CachedSource(new FakeFetcher(), new CachedSource.Settings(Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6), Duration.ZERO, ticker,
                Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run, log), null);
        s.prefetch(List.of("DE")).get(5, TimeUnit.SECONDS);
        return s;
    }

    SnapshotSource.Builder reader(String location, Instant now) {
        return SnapshotSource.builder(location).executor(Runnable::run).ticker(ticker).clock(Clock.fixed(now, ZoneOffset.UTC))
                .logger(log);
    }

    static GridIntensitySource loaded(GridIntensitySource s) throws Exception {
        s.prefetch(List.of("DE")).get(5, TimeUnit.SECONDS);
        return s;
    }

    @Test
    void writes_a_versioned_file_that_reads_back_with_values_and_provenance() throws Exception {
        Path file = dir.resolve("grid.json");
        SnapshotSource.write(live(), List.of("DE", "NOWHERE"), file);
        String json = Files.readString(file);
        assertThat(json).contains("\"format\" : \"carbonbench-grid-snapshot\"", "\"version\" : 1", "\"DE\"")
                .doesNotContain("NOWHERE");

        GridIntensitySource s = loaded(reader(file.toString(), Instant.now()).build());
        assertThat(s.current("DE")).contains(FakeFetcher.live("DE", 100));
        assertThat(s.history("DE")).extracting(GridIntensity::gramsPerKwh, GridIntensity::provenance)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(90.0, Provenance.HISTORY));
        assertThat(s.current("FR")).isEmpty();
    }

    @Test
    void reads_a_snapshot_over_http() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotSource.write(live(), List.of("DE"), NOW, out);
        wm.stubFor(get(urlPathEqualTo("/fleet/grid.json")).willReturn(okJson(out.toString(StandardCharsets.UTF_8))));

        GridIntensitySource s = loaded(reader(wm.baseUrl() + "/fleet/grid.json", NOW.plusSeconds(60)).build());
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(100.0);
        assertThat(s.forecast("DE")).extracting(GridIntensity::gramsPerKwh).containsExactly(80.0);
        wm.verify(getRequestedFor(urlPathEqualTo("/fleet/grid.json")));
    }

    @Test
    void an_old_snapshot_reads_as_stale_and_an_expired_one_is_ignored() throws Exception {
        Path file = dir.resolve("grid.json");
        try (var out = Files.newOutputStream(file)) {
            SnapshotSource.write(live(), List.of("DE"), NOW, out);
        }
        assertThat(loaded(reader(file.toString(), NOW.plus(Duration.ofHours(3))).build()).current("DE"))
                .map(GridIntensity::provenance).contains(Provenance.STALE);
        assertThat(loaded(reader(file.toString(), NOW.plus(Duration.ofHours(25))).build()).current("DE")).isEmpty();
    }

    @Test
    void a_missing_file_or_an_unknown_version_answers_empty_and_warns_once() throws Exception {
        GridIntensitySource missing = loaded(reader(dir.resolve("nope.json").toString(), NOW).build());
        assertThat(missing.current("DE")).isEmpty();
        assertThat(missing.current("DE")).isEmpty();

        Path future = dir.resolve("v9.json");
        Files.writeString(future, "{\"format\":\"carbonbench-grid-snapshot\",\"version\":9,\"generatedAt\":\"2026-01-01T12:00:00Z\",\"zones\":{}}");
        assertThat(loaded(reader(future.toString(), NOW).build()).current("DE")).isEmpty();
        assertThat(log.warnings()).hasSize(2);
        assertThat(log.warnings().get(1)).contains("unsupported snapshot version 9");
    }

    @Test
    void a_failed_reload_keeps_the_previous_snapshot() throws Exception {
        Path file = dir.resolve("grid.json");
        SnapshotSource.write(live(), List.of("DE"), file);
        GridIntensitySource s = loaded(reader(file.toString(), Instant.now()).build());
        Files.writeString(file, "{ truncated");
        ticker.advance(Duration.ofMinutes(16));
        s.current("DE"); // triggers the reload, which fails
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(100.0);
        assertThat(log.warnings()).singleElement().asString().contains("serving the previous snapshot");
    }

    @Test
    void the_chain_falls_from_an_expired_live_value_to_the_snapshot() throws Exception {
        Path file = dir.resolve("grid.json");
        FakeFetcher fetcher = new FakeFetcher();
        CachedSource liveSource = new CachedSource(fetcher, new CachedSource.Settings(Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6), Duration.ZERO, ticker,
                Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run, log), null);
        try (var out = Files.newOutputStream(file)) {
            SnapshotSource.write(live(), List.of("DE"), NOW, out);
        }
        fetcher.latest = z -> CompletableFuture.completedFuture(FakeFetcher.live(z, 250));
        GridIntensitySource chain = GridSources.chain(liveSource, reader(file.toString(), NOW).build());
        chain.prefetch(List.of("DE")).get(5, TimeUnit.SECONDS);
        assertThat(chain.current("DE")).map(GridIntensity::gramsPerKwh).contains(250.0);

        fetcher.latest = z -> CompletableFuture.failedFuture(new FetchException(FetchException.Kind.NETWORK, "down"));
        ticker.advance(Duration.ofMinutes(70));
        chain.current("DE");
        assertThat(chain.current("DE")).map(GridIntensity::provenance).contains(Provenance.STALE); // last good
        for (int i = 0; i < 25; i++) {
            ticker.advance(Duration.ofMinutes(15));
            chain.current("DE");
        }
        assertThat(chain.current("DE")).map(GridIntensity::gramsPerKwh).contains(100.0); // the snapshot's value
    }
}
