package ai.carbonbench.router.budget;

import static ai.carbonbench.router.budget.BudgetFixtures.EU_NORTH;
import static ai.carbonbench.router.budget.BudgetFixtures.MIDNIGHT;
import static ai.carbonbench.router.budget.BudgetFixtures.OTHER_EU_NORTH;
import static ai.carbonbench.router.budget.BudgetFixtures.US_EAST;
import static ai.carbonbench.router.budget.BudgetFixtures.euNorthMicrograms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.testing.TestClock;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.Fixtures;
import ai.carbonbench.router.Usage;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

final class CarbonBudgetTest {

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final CarbonBench cb = BudgetFixtures.carbonBench(clock);

    private CarbonRouter<String> router(String... unused) {
        return CarbonRouter.<String>builder(cb).clock(clock).endpoint(US_EAST, "us").endpoint(EU_NORTH, "se").build();
    }

    private CarbonBudget.Builder budget(String name, double grams, BudgetPeriod period) {
        return CarbonBudget.builder(name, grams, period).clock(clock);
    }

    /** A call of {@code in}/{@code out} tokens whose estimate is exactly its tokens. */
    private static CarbonRouter.Recorded<String> call(BudgetedRouter<String> r, String key, long in, long out) {
        return r.call(BudgetedCall.of(key).withEstimate(in, out), c -> c, x -> Usage.of(in, out));
    }

    @Test
    void rejects_the_call_that_would_overspend_naming_budget_use_and_reset_time() {
        // 1000 in / 500 out on eu-north = 28,000 µg; a 0.1 g budget holds three such calls (84,000 µg), not four.
        BudgetedRouter<String> r = BudgetedRouter.of(router(), budget("tenant-daily", 0.1, BudgetPeriod.rollingDay())
                .build());
        for (int i = 0; i < 3; i++) {
            assertThat(call(r, "acme", 1000, 500).record().microgramsCentral()).isEqualTo(euNorthMicrograms(1000, 500));
        }

        assertThatThrownBy(() -> call(r, "acme", 1000, 500)).isInstanceOfSatisfying(BudgetExceededException.class,
                e -> {
                    assertThat(e.budget()).isEqualTo("tenant-daily");
                    assertThat(e.key()).isEqualTo("acme");
                    assertThat(e.usage().usedMicrograms()).isEqualTo(84_000);
                    assertThat(e.resetAt()).isEqualTo(MIDNIGHT.plus(Duration.ofHours(1)));
                    assertThat(e.deferred()).isFalse();
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains("tenant-daily", "acme", "0.084 g used", "of 0.1 g",
                            "2026-12-01T01:00:00Z");
                });
        // another key has its own budget; the refused call reserved nothing
        assertThat(call(r, "globex", 1000, 500)).isNotNull();
        assertThat(r.budgets().get(0).usage("acme").reservedMicrograms()).isZero();
        assertThat(r.router().ledger().total().calls()).isEqualTo(4);
    }

    @Test
    void a_key_can_have_a_limit_of_its_own() {
        CarbonBudget b = budget("d", 0.03, BudgetPeriod.rollingDay()).gramsPerPeriod("big-tenant", 0.06).build();
        BudgetedRouter<String> r = BudgetedRouter.of(router(), b);

        call(r, "big-tenant", 1000, 500);
        call(r, "big-tenant", 1000, 500);
        call(r, "small-tenant", 1000, 500);

        assertThatThrownBy(() -> call(r, "small-tenant", 1000, 500)).isInstanceOf(BudgetExceededException.class);
        assertThatThrownBy(() -> call(r, "big-tenant", 1000, 500)).isInstanceOf(BudgetExceededException.class);
        assertThat(b.usage("big-tenant").limitMicrograms()).isEqualTo(60_000);
        assertThat(b.gramsPerPeriod("other")).isEqualTo(0.03);
    }

    @Test
    void a_rolling_day_frees_use_hour_by_hour() {
        CarbonBudget b = budget("d", 0.1, BudgetPeriod.rollingDay()).build();
        BudgetedRouter<String> r = BudgetedRouter.of(router(), b);
        call(r, "k", 1000, 500);                      // 00:xx
        clock.advance(Duration.ofHours(5));
        call(r, "k", 1000, 500);                      // 05:xx
        call(r, "k", 1000, 500);
        assertThatThrownBy(() -> call(r, "k", 1000, 500)).isInstanceOf(BudgetExceededException.class);

        clock.set(MIDNIGHT.plus(Duration.ofHours(24))); // the 00:xx call leaves the window
        assertThat(b.usage("k").usedMicrograms()).isEqualTo(2 * 28_000);
        assertThat(call(r, "k", 1000, 500)).isNotNull();
    }

    @Test
    void a_failed_call_releases_its_reservation_and_counts_nothing() {
        CarbonBudget b = budget("d", 1, BudgetPeriod.rollingDay()).build();
        BudgetedRouter<String> r = BudgetedRouter.of(router(), b);

        assertThatThrownBy(() -> r.call(BudgetedCall.of("k"), c -> {
            throw new IllegalStateException("bad request");
        }, x -> Usage.NONE)).isInstanceOf(IllegalStateException.class);

        assertThat(b.usage("k").usedMicrograms()).isZero();
        assertThat(b.usage("k").reservedMicrograms()).isZero();
    }

    @Test
    void defer_refuses_with_a_retriable_exception_that_says_when_to_retry() {
        CarbonBudget b = budget("month", 0.03, BudgetPeriod.calendarMonth(ZoneOffset.UTC))
                .overBudget(OverBudget.defer()).build();
        BudgetedRouter<String> r = BudgetedRouter.of(router(), b);
        call(r, "k", 1000, 500);

        assertThatThrownBy(() -> call(r, "k", 1000, 500)).isInstanceOfSatisfying(BudgetExceededException.class,
                e -> {
                    assertThat(e.deferred()).isTrue();
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.resetAt()).isEqualTo(java.time.Instant.parse("2027-01-01T00:00:00Z"));
                });
    }

    @Test
    void a_carbon_cap_keeps_calls_going_only_on_endpoints_under_it() {
        CarbonBudget b = budget("d", 0.03, BudgetPeriod.rollingDay()).overBudget(OverBudget.capCarbon(50)).build();
        // eu-north (16 g/Mtok) fails while it is "down"; us-east (160 g/Mtok) is the fall-back.
        boolean[] seDown = {false};
        BudgetedRouter<String> r = BudgetedRouter.of(router(), b);
        CarbonRouter.Recorded<String> first = r.call(BudgetedCall.of("k").withEstimate(1000, 500), c -> {
            if (c.equals("se") && seDown[0]) {
                throw new IOException("down");
            }
            return c;
        }, x -> Usage.of(1000, 500));
        assertThat(first.result()).isEqualTo("se");

        // Over budget now: eu-north is under the cap and still takes calls, past the limit (soft limit)...
        assertThat(call(r, "k", 1000, 500).result()).isEqualTo("se");
        assertThat(b.usage("k").usedMicrograms()).isEqualTo(2 * 28_000);
        // ...but when it fails, us-east is over the cap and the call is refused rather than sent there.
        seDown[0] = true;
        assertThatThrownBy(() -> r.call(BudgetedCall.of("k").withEstimate(1000, 500), c -> {
            if (c.equals("se")) {
                throw new IOException("down");
            }
            return c;
        }, x -> Usage.of(1000, 500))).isInstanceOf(BudgetExceededException.class).hasMessageContaining("cap of 50.0");
        // within budget, the same failure falls over to us-east (10/10 tokens there: 4,800 µg, which fit)
        assertThat(r.call(BudgetedCall.of("other-key").withEstimate(10, 10), c -> {
            if (c.equals("se")) {
                throw new IOException("down");
            }
            return c;
        }, x -> Usage.of(10, 10)).result()).isEqualTo("us");
    }

    @Test
    void over_budget_a_smaller_model_answers_only_when_the_caller_accepts_substitutes() {
        SubstitutionPolicy policy = SubstitutionPolicy.builder().allow("other-model", "test-model").build();
        CarbonBudget b = budget("d", 0.1, BudgetPeriod.rollingDay()).overBudget(OverBudget.substitute(policy))
                .build();
        // other-model (the baseline, requested) emits twice what test-model does; test-model is cleaner but is
        // used only as a substitute.
        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).clock(clock).endpoint(OTHER_EU_NORTH, "big")
                .endpoint(EU_NORTH, "small").build();
        BudgetedRouter<String> r = BudgetedRouter.of(router, b);
        BudgetedCall relaxed = BudgetedCall.of("k").withEstimate(1000, 500).withQualityFloor(QualityFloor.SUBSTITUTES_ACCEPTABLE);

        // other-model: 56,000 µg fits the 100,000 µg budget; a second would not, so test-model (28,000) answers.
        assertThat(r.call(relaxed, c -> c, x -> Usage.of(1000, 500)).result()).isEqualTo("big");
        assertThat(r.call(relaxed, c -> c, x -> Usage.of(1000, 500)).result()).isEqualTo("small");
        assertThatThrownBy(() -> r.call(BudgetedCall.of("k").withEstimate(1000, 500), c -> c, x -> Usage.of(1000, 500)))
                .isInstanceOf(BudgetExceededException.class).hasMessageContaining("quality floor");
        assertThat(b.usage("k").usedMicrograms()).isEqualTo(2 * euNorthMicrograms(1000, 500) /* other-model */ + euNorthMicrograms(1000, 500));
    }

    /**
     * 16 threads spend one budget. Every call reserves its estimate; half the threads' estimates are true
     * upper bounds, the other half under-estimate output by up to {@code UNDER} tokens. The documented bound:
     * overspend <= sum over calls in flight when the budget ran out of (recorded - reserved), at most 16 calls
     * each at most 40 µg × UNDER over.
     */
    @Test
    void sixteen_threads_never_overspend_by_more_than_the_documented_reservation_error() throws Exception {
        int threads = 16;
        long under = 100;
        CarbonBudget b = budget("shared", 5.0, BudgetPeriod.rollingDay()).build();
        BudgetedRouter<String> r = BudgetedRouter.of(router(), b);
        AtomicLong recorded = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        LongAccumulator maxExcess = new LongAccumulator(Math::max, 0);
        onThreads(threads, t -> {
            boolean honest = t % 2 == 0;
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            int misses = 0;
            while (misses < 3) {
                long in = 200 + rnd.nextInt(800);
                long maxOut = 100 + rnd.nextInt(400);
                long out = honest ? rnd.nextLong(maxOut + 1) : maxOut + rnd.nextLong(under + 1);
                try {
                    CarbonRouter.Recorded<String> rec = r.call(BudgetedCall.of("tenant").withEstimate(in, maxOut), c -> {
                        Thread.yield();
                        return c;
                    }, x -> Usage.of(in, out));
                    recorded.addAndGet(rec.record().microgramsCentral());
                    maxExcess.accumulate(euNorthMicrograms(in, out) - euNorthMicrograms(in, maxOut));
                } catch (BudgetExceededException e) {
                    refused.incrementAndGet();
                    misses++;
                }
            }
        });

        BudgetUsage u = b.usage("tenant");
        assertThat(refused.get()).isGreaterThanOrEqualTo(threads * 3L);
        assertThat(u.reservedMicrograms()).isZero();
        assertThat(u.usedMicrograms()).isEqualTo(recorded.get()).isEqualTo(r.router().ledger().total().microgramsCentral());
        assertThat(maxExcess.get()).isLessThanOrEqualTo(40 * under);
        assertThat(u.usedMicrograms() - u.limitMicrograms()).isLessThanOrEqualTo(threads * maxExcess.get());
        // the budget was actually spent: fewer than a largest call's worth (at most 1000 in, 599 out) is left
        assertThat(u.limitMicrograms() - u.usedMicrograms()).isLessThan(euNorthMicrograms(1000, 599));
    }

    @Test
    void with_true_upper_estimates_sixteen_threads_never_overspend_at_all() throws Exception {
        CarbonBudget b = budget("exact", 2.0, BudgetPeriod.rollingDay()).build();
        BudgetedRouter<String> r = BudgetedRouter.of(router(), b);
        onThreads(16, t -> {
            for (int misses = 0; misses < 3; ) {
                try {
                    call(r, "tenant", 700, 300);
                } catch (BudgetExceededException e) {
                    misses++;
                }
            }
        });
        // 700/300 = 17,600 µg; 2 g holds 113 such calls (1,988,800 µg), not 114.
        assertThat(b.usage("tenant").usedMicrograms()).isEqualTo(113 * 17_600L);
        assertThat(r.router().ledger().total().calls()).isEqualTo(113);
    }

    /** Runs {@code body} with thread numbers 0 .. {@code threads - 1}, all released at once; returns when all end. */
    private static void onThreads(int threads, IntConsumer body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.accept(n);
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
    }
}
