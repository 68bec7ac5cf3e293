package ai.carbonbench.core.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The clock-free read path of a source on the system ticker: answers are precomputed and kept until a load
 * completes or the shared timer marks them due. (The timings of the cache itself are tested with a fake
 * ticker in {@link CachedSourceTest}.)
 */
final class FreshnessTimerTest {

    private final FakeFetcher fetcher = new FakeFetcher();

    private CachedSource source(Duration staleAfter) {
        return new CachedSource(fetcher, new CachedSource.Settings(Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(1), staleAfter, Duration.ofHours(6), Duration.ZERO, Ticker.systemTicker(),
                Clock.fixed(Instant.parse("2026-01-01T12:10:00Z"), ZoneOffset.UTC), Runnable::run,
                new RecordingLogger()), null);
    }

    @Test
    void a_cached_answer_is_reused_until_a_load_replaces_it() throws Exception {
        CachedSource s = source(Duration.ofHours(1));
        s.prefetch(List.of("DE")).get(5, TimeUnit.SECONDS);
        Optional<GridIntensity> first = s.current("DE");
        assertThat(first).map(GridIntensity::gramsPerKwh).contains(100.0);
        assertThat(s.current("DE")).as("the same precomputed answer, not a new one").isSameAs(first);

        fetcher.latest = z -> CompletableFuture.completedFuture(FakeFetcher.live(z, 200));
        s.refreshNow("DE").get(5, TimeUnit.SECONDS);

        assertThat(s.current("DE")).map(GridIntensity::gramsPerKwh).contains(200.0);
        assertThat(fetcher.latestCalls).hasValue(2);
    }

    @Test
    void the_timer_marks_an_answer_stale_when_its_freshness_limit_passes() throws Exception {
        CachedSource s = source(Duration.ofMillis(200));
        s.prefetch(List.of("DE")).get(5, TimeUnit.SECONDS);
        assertThat(s.current("DE")).map(GridIntensity::provenance).contains(Provenance.LIVE);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Optional<Provenance> seen = s.current("DE").map(GridIntensity::provenance);
        while (seen.equals(Optional.of(Provenance.LIVE)) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            seen = s.current("DE").map(GridIntensity::provenance);
        }
        assertThat(seen).contains(Provenance.STALE);
    }

    @Test
    void a_due_answer_is_marked_at_once_when_its_time_has_passed() {
        FreshnessTimer.Answer<String> a = new FreshnessTimer.Answer<>("x");
        FreshnessTimer.markDueAfter(a, 0);
        assertThat(a.due).isTrue();
        assertThat(FreshnessTimer.tracks(Ticker.systemTicker())).isTrue();
        assertThat(FreshnessTimer.tracks(new FakeTicker())).isFalse();
    }
}
