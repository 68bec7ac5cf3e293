package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.FR_PAR;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.grid.GridIntensity;
import ai.carbonbench.core.testing.StubGridSource;
import ai.carbonbench.core.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** callAsync: fail-over chained on completion; and the scoring warning that is logged once per run of failures. */
final class AsyncCallTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonBench cb = Fixtures.carbonBench(clock);

    @Test
    void a_failed_stage_fails_over_to_the_next_endpoint_when_it_completes() throws Exception {
        // eu-north (16 g) ranks first, fr-par (28.8 g) second, eu-east (200 g) last.
        CarbonRouter<String> r = CarbonRouter.<String>builder(cb).endpoint(EU_EAST, "eu-east")
                .endpoint(EU_NORTH, "eu-north").endpoint(FR_PAR, "fr-par").build();
        List<CompletableFuture<String>> started = new ArrayList<>();
        List<String> tried = new ArrayList<>();

        CompletableFuture<CarbonRouter.Recorded<String>> call = r.callRecordedAsync(c -> {
            tried.add(c);
            CompletableFuture<String> f = new CompletableFuture<>();
            started.add(f);
            return f;
        }, s -> Usage.of(1_000_000, 0));

        // Nothing blocks: the first attempt is pending, the future is not done.
        assertThat(tried).containsExactly("eu-north");
        assertThat(call).isNotDone();
        started.get(0).completeExceptionally(new IOException("eu-north down"));
        assertThat(tried).containsExactly("eu-north", "fr-par");
        assertThat(call).isNotDone();
        started.get(1).complete("answer");

        CarbonRouter.Recorded<String> done = call.get(1, TimeUnit.SECONDS);
        assertThat(done.result()).isEqualTo("answer");
        assertThat(done.record().endpoint()).isEqualTo(FR_PAR);
        // 1 M input tokens at fr-par's score: the record's score prices them.
        assertThat(done.record().grams().central()).isEqualTo(Math.round(
                done.record().score().orElseThrow().gramsPerMillionInput().central() * 1e6) / 1e6);
        assertThat(done.record().score().orElseThrow().offering().key()).isEqualTo(FR_PAR);
        assertThat(r.ledger().total().calls()).isEqualTo(1);
    }

    @Test
    void a_non_retriable_failure_completes_the_future_with_it_and_tries_no_other_endpoint() {
        CarbonRouter<String> r = CarbonRouter.<String>builder(cb).endpoint(EU_EAST, "eu-east")
                .endpoint(EU_NORTH, "eu-north").build();
        List<String> tried = new ArrayList<>();
        CompletableFuture<String> call = r.callAsync(c -> {
            tried.add(c);
            return CompletableFuture.failedFuture(new IllegalArgumentException("bad request"));
        }, UsageExtractor.none());
        assertThat(call).isCompletedExceptionally();
        assertThat(tried).containsExactly("eu-north");
        try {
            call.get();
        } catch (InterruptedException | ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad request");
        }
    }

    @Test
    void when_every_endpoint_fails_the_future_carries_each_failure() {
        CarbonRouter<String> r = CarbonRouter.<String>builder(cb).endpoint(EU_EAST, "eu-east")
                .endpoint(EU_NORTH, "eu-north").build();
        CompletableFuture<String> call = r.callAsync(c -> {
            throw new IOException(c + " down"); // thrown while starting, not from the stage
        }, UsageExtractor.none());
        assertThat(call).isCompletedExceptionally();
        Throwable t = call.handle((x, e) -> e).join();
        Throwable cause = t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
        assertThat(cause).isInstanceOf(NoEndpointAvailableException.class);
        assertThat(cause.getSuppressed()).extracting(Throwable::getMessage).containsExactly("eu-north down",
                "eu-east down");
    }

    /**
     * A grid source that, while {@link #broken} is set, reports an intensity so large that no score can be computed
     * from it (the grams overflow to infinity). A source that throws is caught by the facade's resolution and
     * falls back to the catalog, so it would not make scoring fail.
     */
    final class BreakableSource extends StubGridSource {
        final AtomicBoolean broken = new AtomicBoolean();

        BreakableSource() {
            super("breakable");
        }

        @Override
        public Optional<GridIntensity> current(String zone) {
            if (broken.get()) {
                return Optional.of(new GridIntensity(zone, Double.MAX_VALUE, clock.instant(), "breakable", false,
                        ai.carbonbench.core.grid.Provenance.LIVE));
            }
            return Optional.empty();
        }
    }

    @Test
    void a_scoring_failure_is_logged_once_per_run_of_failures_not_once_per_router_lifetime() {
        BreakableSource source = new BreakableSource();
        CarbonBench live = CarbonBench.builder().catalog(Fixtures.catalog()).clock(clock).gridSource(source).build();
        CarbonRouter<String> r = CarbonRouter.<String>builder(live).endpoint(EU_EAST, "eu-east").build();

        source.broken.set(true);
        r.refresh();
        r.refresh();
        assertThat(r.scoringWarnings()).isEqualTo(1); // once, not per refresh
        source.broken.set(false);
        r.refresh();
        source.broken.set(true);
        clock.advance(Duration.ofMinutes(1));
        r.refresh();
        assertThat(r.scoringWarnings()).isEqualTo(2); // a new run of failures is news again
    }
}
