package ai.carbonbench.core.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class CachedSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T12:10:00Z"), ZoneOffset.UTC);

    private final FakeTicker ticker = new FakeTicker();
    private final FakeFetcher fetcher = new FakeFetcher();
    private final RecordingLogger log = new RecordingLogger();

    private CachedSource source(Duration awaitFirst, java.util.concurrent.Executor executor) {
        return new CachedSource(fetcher, new CachedSource.Settings(Duration.ofMinutes(15), Duration.ofHours(1),
                Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(6), awaitFirst, ticker, CLOCK, executor, log), null);
    }

    private CachedSource source() {
        return source(Duration.ZERO, Runnable::run);
    }

    @Test
    void a_cold_start_answers_empty_at_once_and_warms_in_the_background() {
        CompletableFuture<GridIntensity> pending = new CompletableFuture<>();
        fetcher.latest = z -> pending;
        CachedSource s = source();

        long start = System.nanoTime();
        assertThat(s.current("DE")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));

        pending.complete(FakeFetcher.live("DE", 321));
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(321.0);
        assertThat(s.current("DE")).map(GridIntensity::provenance).contains(Provenance.LIVE);
        assertThat(fetcher.latestCalls).hasValue(1);
    }

    @Test
    void a_caller_may_wait_a_bounded_time_for_the_first_value() {
        fetcher.latest = z -> CompletableFuture.supplyAsync(() -> FakeFetcher.live(z, 42),
                CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        assertThat(source(Duration.ofSeconds(5), Runnable::run).current("DE")).map(GridIntensity::gramsPerKwh).contains(42.0);

        fetcher.latest = z -> new CompletableFuture<>(); // never answers
        long start = System.nanoTime();
        assertThat(source(Duration.ofMillis(50), Runnable::run).current("FR")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(40), Duration.ofSeconds(2));
    }

    @Test
    void serves_the_old_value_while_a_refresh_runs() {
        CachedSource s = source();
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(100.0);

        CompletableFuture<GridIntensity> refresh = new CompletableFuture<>();
        fetcher.latest = z -> refresh;
        ticker.advance(Duration.ofMinutes(16));
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(100.0); // triggers the refresh
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(100.0); // still pending
        assertThat(fetcher.latestCalls).hasValue(2);

        refresh.complete(FakeFetcher.live("DE", 200));
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(200.0);
        assertThat(fetcher.latestCalls).hasValue(2);
    }

    @Test
    void does_not_refresh_before_the_refresh_interval() {
        CachedSource s = source();
        s.current("DE");
        ticker.advance(Duration.ofMinutes(14));
        s.current("DE");
        assertThat(fetcher.latestCalls).hasValue(1);
    }

    @Test
    void keeps_the_last_good_value_marks_it_stale_after_the_freshness_limit_and_drops_it_at_the_hard_limit() {
        CachedSource s = source();
        assertThat(s.current("DE")).map(GridIntensity::provenance).contains(Provenance.LIVE);
        fetcher.latest = z -> CompletableFuture.failedFuture(new FetchException(FetchException.Kind.SERVER, "HTTP 503"));

        ticker.advance(Duration.ofMinutes(16));
        s.current("DE"); // refresh fails
        assertThat(s.current("DE")).map(GridIntensity::provenance).contains(Provenance.LIVE);
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(100.0);

        ticker.advance(Duration.ofMinutes(50)); // 66 min since the good fetch
        s.current("DE");
        assertThat(s.current("DE")).map(GridIntensity::provenance).contains(Provenance.STALE);
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(100.0);

        for (int i = 0; i < 25; i++) { // a failing refresh every 15 minutes for 6 hours
            ticker.advance(Duration.ofMinutes(15));
            s.current("DE");
        }
        assertThat(s.current("DE")).isEmpty();
        assertThat(log.warnings()).hasSize(1).first().asString()
                .contains("fake", "latest", "DE", "SERVER", "HTTP 503", "serving the last good value");
    }

    @Test
    void logs_one_warning_per_failure_streak_and_one_info_on_recovery() {
        CachedSource s = source();
        s.current("DE");
        fetcher.latest = z -> CompletableFuture.failedFuture(new FetchException(FetchException.Kind.NETWORK, "timed out"));
        for (int i = 0; i < 5; i++) {
            ticker.advance(Duration.ofMinutes(16));
            s.current("DE");
        }
        assertThat(log.warnings()).hasSize(1);
        fetcher.latest = z -> CompletableFuture.completedFuture(FakeFetcher.live(z, 150));
        ticker.advance(Duration.ofMinutes(16));
        s.current("DE");
        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(150.0);
        assertThat(log.at(org.slf4j.event.Level.INFO)).singleElement().asString().contains("recovered");

        fetcher.latest = z -> CompletableFuture.failedFuture(new FetchException(FetchException.Kind.NETWORK, "timed out"));
        ticker.advance(Duration.ofMinutes(16));
        s.current("DE");
        assertThat(log.warnings()).hasSize(2); // a new streak, a new warning
    }

    @Test
    void a_zone_that_never_loaded_is_retried_with_backoff_not_on_every_read() {
        fetcher.latest = z -> CompletableFuture.failedFuture(new FetchException(FetchException.Kind.NETWORK, "refused"));
        CachedSource s = source();
        for (int i = 0; i < 100; i++) {
            assertThat(s.current("DE")).isEmpty();
        }
        assertThat(fetcher.latestCalls).hasValue(1);
        ticker.advance(Backoff.COLD_RETRY.plusSeconds(1));
        s.current("DE");
        assertThat(fetcher.latestCalls).hasValue(2);
        ticker.advance(Backoff.COLD_RETRY.plusSeconds(1)); // the second retry waits twice as long
        s.current("DE");
        assertThat(fetcher.latestCalls).hasValue(2);
        assertThat(log.warnings()).hasSize(1).first().asString().contains("no value for this zone yet");
    }

    @Test
    void concurrent_reads_of_one_zone_share_one_load() throws Exception {
        CompletableFuture<GridIntensity> pending = new CompletableFuture<>();
        fetcher.latest = z -> pending;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CachedSource s = source(Duration.ZERO, pool);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<GridIntensity>>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reads.add(pool.submit(() -> {
                    go.await();
                    return s.current("DE");
                }));
            }
            go.countDown();
            for (Future<Optional<GridIntensity>> r : reads) {
                assertThat(r.get(5, TimeUnit.SECONDS)).isEmpty();
            }
            pending.complete(FakeFetcher.live("DE", 7));
            s.prefetch(List.of("DE")).get(5, TimeUnit.SECONDS);
            assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(7.0);
            assertThat(fetcher.latestCalls).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forecast_drops_points_that_have_ended_and_history_is_served_as_loaded() {
        fetcher.forecast = z -> CompletableFuture.completedFuture(List.of(
                FakeFetcher.point(z, 50, Instant.parse("2026-01-01T11:00:00Z"), Provenance.FORECAST),
                FakeFetcher.point(z, 60, Instant.parse("2026-01-01T12:00:00Z"), Provenance.FORECAST),
                FakeFetcher.point(z, 70, Instant.parse("2026-01-01T13:00:00Z"), Provenance.FORECAST)));
        CachedSource s = source();
        assertThat(s.forecast("DE")).extracting(GridIntensity::gramsPerKwh).containsExactly(60.0, 70.0);
        assertThat(s.history("DE")).extracting(GridIntensity::provenance).containsOnly(Provenance.HISTORY);
    }

    @Test
    void a_zone_the_api_does_not_serve_costs_no_request() {
        CachedSource s = source();
        assertThat(s.current("NOWHERE")).isEmpty();
        assertThat(s.history("NOWHERE")).isEmpty();
        assertThat(s.forecast("NOWHERE")).isEmpty();
        assertThat(fetcher.latestCalls.get() + fetcher.historyCalls.get() + fetcher.forecastCalls.get()).isZero();
    }

    @Test
    void a_fetcher_that_throws_instead_of_failing_its_future_never_reaches_the_caller() {
        fetcher.latest = z -> {
            throw new IllegalStateException("bug");
        };
        CachedSource s = source();
        assertThat(s.current("DE")).isEmpty();
        assertThat(log.warnings()).singleElement().asString().contains("IllegalStateException");
    }

    @Test
    void close_stops_answering_and_loading() {
        CachedSource s = source();
        s.close();
        assertThat(s.current("DE")).isEmpty();
        assertThat(fetcher.latestCalls).hasValue(0);
        s.close(); // idempotent
    }
}
