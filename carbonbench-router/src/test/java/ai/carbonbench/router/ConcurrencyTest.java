package ai.carbonbench.router;

import static ai.carbonbench.router.Fixtures.EU_CENTRAL;
import static ai.carbonbench.router.Fixtures.EU_EAST;
import static ai.carbonbench.router.Fixtures.EU_NORTH;
import static ai.carbonbench.router.Fixtures.FR_PAR;
import static ai.carbonbench.router.Fixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 16 threads × 25,000 calls with random retriable failures (eu-north fails half its calls, so it cools down;
 * the others 2 %), while another thread moves the clock across hours (DE and PL intensities change) and forces
 * re-rankings. The ledger must equal, exactly, the grams the test computes itself for every call: the tokens
 * the stub returned (seen by the caller, not read from the record) times the score CarbonBench gives the
 * endpoint that served the call, for the hour the router priced it at. Every attempt must be accounted for.
 */
final class ConcurrencyTest {

    private static final int THREADS = 16;
    private static final int CALLS_PER_THREAD = 25_000;

    /** What a stub call returns: the tokens it "used". */
    private record Answer(String endpoint, long in, long out) {
    }

    /**
     * Sums over the successful calls, kept twice: from the records the router publishes, and from what the caller
     * saw and computed itself. Each must equal the ledger exactly.
     */
    private static final class Tally {
        final String name;
        final LongAdder calls = new LongAdder();
        final LongAdder inputTokens = new LongAdder();
        final LongAdder outputTokens = new LongAdder();
        final LongAdder microgramsLow = new LongAdder();
        final LongAdder microgramsCentral = new LongAdder();
        final LongAdder microgramsHigh = new LongAdder();
        final LongAdder baselineMicrograms = new LongAdder();
        final Map<String, LongAdder> centralByRegion = new ConcurrentHashMap<>();

        Tally(String name) {
            this.name = name;
        }

        void add(OfferingKey endpoint, long in, long out, long low, long central, long high, long baseline) {
            calls.increment();
            inputTokens.add(in);
            outputTokens.add(out);
            microgramsLow.add(low);
            microgramsCentral.add(central);
            microgramsHigh.add(high);
            baselineMicrograms.add(baseline);
            centralByRegion.computeIfAbsent(endpoint.provider() + "/" + endpoint.region(), k -> new LongAdder())
                    .add(central);
        }

        /** No call lost or counted twice; grams in exact integer micrograms, whatever the interleaving. */
        void assertMatches(EmissionsLedger ledger) {
            assertThat(ledger.total()).as(name).isEqualTo(new LedgerTotals(calls.sum(), inputTokens.sum(),
                    outputTokens.sum(), microgramsLow.sum(), microgramsCentral.sum(), microgramsHigh.sum(),
                    baselineMicrograms.sum()));
            ledger.byRegion().forEach((region, t) -> assertThat(t.microgramsCentral()).as(name + " " + region)
                    .isEqualTo(centralByRegion.get(region).sum()));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ledger_totals_equal_the_recorded_calls_exactly_under_contention() throws Exception {
        TestClock clock = new TestClock(MIDNIGHT);
        CarbonBench cb = Fixtures.carbonBench(clock);

        Tally recorded = new Tally("recorded");
        LongAdder cooldowns = new LongAdder();
        LongAdder decisions = new LongAdder();

        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).clock(clock)
                .cooldown(new CooldownPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(2)))
                .ledger(EmissionsLedger.withCallLog(1000))
                .endpoint(EU_EAST, "eu-east").endpoint(EU_CENTRAL, "eu-central").endpoint(EU_NORTH, "eu-north")
                .endpoint(FR_PAR, "fr-par")
                .listener(new RouterListener() {
                    @Override
                    public void onRecorded(CallRecord r) {
                        recorded.add(r.endpoint(), r.inputTokens(), r.outputTokens(), r.microgramsLow(),
                                r.microgramsCentral(), r.microgramsHigh(), r.baselineMicrograms());
                    }

                    @Override
                    public void onCooldown(OfferingKey e, Duration d,
                            java.time.Instant until, int failures) {
                        cooldowns.increment();
                    }

                    @Override
                    public void onDecision(RoutingDecision d) {
                        decisions.increment();
                    }
                })
                .build();

        Tally computed = new Tally("computed by the caller");
        LongAdder unavailable = new LongAdder();
        LongAdder invocations = new LongAdder();
        LongAdder thrown = new LongAdder();
        Map<String, ai.carbonbench.core.score.Score> scores = new ConcurrentHashMap<>();
        Map<String, OfferingKey> keys = Map.of("eu-east", EU_EAST, "eu-central",
                EU_CENTRAL, "eu-north", EU_NORTH, "fr-par", FR_PAR);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong refreshes = new AtomicLong();

        Thread refresher = new Thread(() -> {
            while (running.get()) {
                clock.advance(Duration.ofMinutes(7)); // crosses an hour every few turns; ends cooldowns
                router.refresh();
                refreshes.incrementAndGet();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "refresher");

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    try {
                        CarbonRouter.Recorded<Answer> call = router.callRecorded(client -> {
                            invocations.increment();
                            if (random.nextInt(100) < (client.equals("eu-north") ? 50 : 2)) {
                                thrown.increment();
                                throw new IOException(client + " failed");
                            }
                            return new Answer(client, random.nextInt(4000), random.nextInt(1000));
                        }, answer -> Usage.of(answer.in(), answer.out()));
                        Answer a = call.result();
                        // The hour the call was priced at, from its record; the figures from CarbonBench itself.
                        java.time.Instant pricedAt = call.record().score().orElseThrow().at();
                        ai.carbonbench.core.score.Score used = scores.computeIfAbsent(a.endpoint() + "@" + pricedAt,
                                k -> cb.scoreAt(keys.get(a.endpoint()), pricedAt));
                        ai.carbonbench.core.score.Score base = scores.computeIfAbsent("eu-east@" + pricedAt,
                                k -> cb.scoreAt(EU_EAST, pricedAt));
                        ai.carbonbench.core.score.Range g = used.gramsFor(a.in(), a.out());
                        computed.add(keys.get(a.endpoint()), a.in(), a.out(), Math.round(g.low() * 1e6),
                                Math.round(g.central() * 1e6), Math.round(g.high() * 1e6),
                                Math.round(base.gramsFor(a.in(), a.out()).central() * 1e6));
                    } catch (NoEndpointAvailableException e) {
                        unavailable.increment();
                    }
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        refresher.start();
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
        running.set(false);
        refresher.join();
        pool.shutdown();

        EmissionsLedger ledger = router.ledger();
        LedgerTotals total = ledger.total();

        System.out.printf("ConcurrencyTest: %d calls in %d ms (%.0f calls/s): %d succeeded, %d found no endpoint, "
                + "%d failures thrown, %d cooldowns, %d refreshes, %d decisions published, %d days, %s g CO2e%n",
                (long) THREADS * CALLS_PER_THREAD, elapsedMillis, THREADS * CALLS_PER_THREAD * 1000.0 / elapsedMillis,
                computed.calls.sum(), unavailable.sum(), thrown.sum(), cooldowns.sum(), refreshes.get(),
                decisions.sum(), ledger.byDay().size(), EmissionsLedger.grams(total.microgramsCentral()));

        // No call lost or counted twice.
        assertThat(computed.calls.sum() + unavailable.sum()).isEqualTo((long) THREADS * CALLS_PER_THREAD);
        assertThat(invocations.sum()).isEqualTo(computed.calls.sum() + thrown.sum());
        // The ledger equals, exactly, both what the router recorded and what the test computed per call.
        recorded.assertMatches(ledger);
        computed.assertMatches(ledger);
        // The test priced calls at more than one hour, with different intensities.
        assertThat(scores.keySet().stream().map(k -> k.substring(k.indexOf('@'))).distinct().count()).isGreaterThan(1);
        assertThat(ledger.byRegion().values().stream().mapToLong(LedgerTotals::calls).sum()).isEqualTo(total.calls());
        assertThat(ledger.byDay().values().stream().mapToLong(LedgerTotals::microgramsCentral).sum())
                .isEqualTo(total.microgramsCentral());
        assertThat(ledger.byProvider().values().stream().mapToLong(LedgerTotals::baselineMicrograms).sum())
                .isEqualTo(total.baselineMicrograms());
        assertThat(ledger.calls()).hasSize(1000);
        assertThat(ledger.droppedCalls()).isEqualTo(total.calls() - 1000);
        // The test exercised what it claims to.
        assertThat(refreshes.get()).isGreaterThan(10);
        assertThat(thrown.sum()).isGreaterThan(5_000);
        assertThat(computed.calls.sum()).isGreaterThan(THREADS * CALLS_PER_THREAD * 9L / 10);
        assertThat(cooldowns.sum()).isPositive();
        assertThat(ledger.byRegion().size()).isGreaterThan(1);

    }
}
