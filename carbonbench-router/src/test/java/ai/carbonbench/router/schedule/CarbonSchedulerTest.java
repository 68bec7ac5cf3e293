package ai.carbonbench.router.schedule;

import static ai.carbonbench.router.schedule.SchedulerFixtures.EU_CENTRAL;
import static ai.carbonbench.router.schedule.SchedulerFixtures.EU_EAST;
import static ai.carbonbench.router.schedule.SchedulerFixtures.MIDNIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import ai.carbonbench.core.testing.TestClock;
import ai.carbonbench.router.Fixtures;
import ai.carbonbench.router.Usage;
import ai.carbonbench.router.budget.BudgetPeriod;
import ai.carbonbench.router.budget.CarbonBudget;
import ai.carbonbench.router.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CarbonSchedulerTest {

    /** The caller's descriptor: data, not code. */
    record Backfill(String corpus, int shards) {
    }

    private final TestClock clock = new TestClock(MIDNIGHT);
    private final Fixtures.Forecasts forecasts = new Fixtures.Forecasts();
    private final CarbonBench cb = SchedulerFixtures.carbonBench(clock, forecasts);
    private final List<String> ran = new ArrayList<>();

    private static Instant at(int hour) {
        return MIDNIGHT.plus(Duration.ofHours(hour));
    }

    private CarbonScheduler<Backfill, String> scheduler(StateStore store) {
        return CarbonScheduler.<Backfill, String>builder(cb, Backfill.class, (job, endpoint) -> {
            ran.add(job.corpus() + "@" + endpoint + "@" + clock.instant());
            return "done " + job.corpus();
        }).store(store).executor(Runnable::run).usage(r -> Usage.of(750_000, 250_000)).build();
    }

    @Test
    void plans_the_cleanest_hour_replans_when_the_forecast_moves_it_and_reports_grams_avoided() throws Exception {
        CarbonScheduler<Backfill, String> s = scheduler(StateStore.inMemory());
        // Typical profiles: DE 100 g/kWh at 10–13 (40 g/Mtok); now DE 300 (120 g/Mtok) beats PL 500 (200).
        JobHandle<String> h = s.submit(new Backfill("docs", 3), Duration.ofHours(2), at(24), List.of(EU_EAST, EU_CENTRAL));

        assertThat(h.plan().endpoint()).isEqualTo(EU_CENTRAL);
        assertThat(h.plan().start()).isEqualTo(at(10));
        assertThat(h.plan().meanGramsPerMillionTokens()).isCloseTo(40, within(1e-9));
        assertThat(h.plan().submissionEndpoint()).isEqualTo(EU_CENTRAL);
        assertThat(h.plan().submissionGramsPerMillionTokens()).isCloseTo(120, within(1e-9));
        assertThat(h.plan().provenance()).isEqualTo(Provenance.DEFAULT);

        clock.set(at(1));
        s.tick();
        assertThat(h.plan().start()).isEqualTo(at(10));
        assertThat(h.plan().replans()).isZero();

        // At 03:00 a forecast says PL will be nearly clean (10 g/kWh = 4 g/Mtok) at 06:00–08:00.
        clock.set(at(3));
        forecasts.set("PL", 500, Map.of(6, 10.0, 7, 10.0));
        s.tick();
        assertThat(h.plan().endpoint()).isEqualTo(EU_EAST);
        assertThat(h.plan().start()).isEqualTo(at(6));
        assertThat(h.plan().meanGramsPerMillionTokens()).isCloseTo(4, within(1e-9));
        assertThat(h.plan().provenance()).isEqualTo(Provenance.FORECAST);
        assertThat(h.plan().replans()).isEqualTo(1);

        clock.set(at(5).plus(Duration.ofMinutes(59)));
        s.tick();
        assertThat(ran).isEmpty();
        assertThat(h.state()).isEqualTo(JobHandle.State.PENDING);

        clock.set(at(6));
        s.tick();
        assertThat(ran).containsExactly("docs@alpha/eu-east/test-model@" + at(6));
        JobOutcome<String> o = h.future().get();
        assertThat(o.result()).isEqualTo("done docs");
        assertThat(o.startedAt()).isEqualTo(at(6));
        // 1 M tokens: 4 g in the planned window, 120 g had it run at submission on eu-central.
        assertThat(o.grams()).isCloseTo(4, within(1e-9));
        assertThat(o.gramsIfRunAtSubmission()).isCloseTo(120, within(1e-9));
        assertThat(o.gramsAvoided()).isCloseTo(116, within(1e-9));
        assertThat(s.jobs()).isEmpty();
    }

    @Test
    void never_starts_a_job_after_its_deadline_allows() throws Exception {
        CarbonScheduler<Backfill, String> s = scheduler(StateStore.inMemory());
        JobHandle<String> h = s.submit(new Backfill("late", 1), Duration.ofHours(2), at(12), List.of(EU_CENTRAL));
        assertThat(h.plan().start()).isEqualTo(at(10));
        assertThat(h.plan().latestStart()).isEqualTo(at(10));

        // At 09:00 the forecast says 10:00–12:00 will be dirty and the clean hours come after the deadline:
        // the job may not wait for them, so it starts now, the best start left (09:00–11:00: 300, 600).
        clock.set(at(9));
        forecasts.set("DE", 300, Map.of(10, 600.0, 11, 600.0, 12, 20.0, 13, 20.0));
        s.tick();
        assertThat(ran).containsExactly("late@alpha/eu-central/test-model@" + at(9));
        assertThat(h.future().get().plan().meanGramsPerMillionTokens()).isCloseTo(0.4 * (300 + 600) / 2, within(1e-9));

        // A job whose latest start passed while nothing ticked (the process was down) is not started.
        clock.set(MIDNIGHT);
        forecasts.clear();
        JobHandle<String> missed = s.submit(new Backfill("missed", 1), Duration.ofHours(2), at(12), List.of(EU_CENTRAL));
        clock.set(at(10).plusSeconds(1));
        s.tick();
        assertThat(missed.state()).isEqualTo(JobHandle.State.MISSED);
        assertThatThrownBy(() -> missed.future().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DeadlineMissedException.class);
        assertThat(ran).hasSize(1);
    }

    @Test
    void a_pending_job_survives_a_restart_from_disk(@TempDir Path dir) throws Exception {
        JobHandle<String> before = scheduler(StateStore.directory(dir)).submit(new Backfill("embeddings", 8),
                Duration.ofHours(2), at(24), List.of(EU_EAST, EU_CENTRAL));
        String id = before.id();

        clock.set(at(2)); // the process restarts
        CarbonScheduler<Backfill, String> after = scheduler(StateStore.directory(dir));
        assertThat(after.jobs()).hasSize(1);
        JobHandle<String> h = after.job(id).orElseThrow();
        assertThat(h.plan().endpoint()).isEqualTo(EU_CENTRAL);
        assertThat(h.plan().start()).isEqualTo(at(10));
        assertThat(h.plan().submissionGramsPerMillionTokens()).isCloseTo(120, within(1e-9));

        clock.set(at(10));
        after.tick();
        assertThat(ran).containsExactly("embeddings@alpha/eu-central/test-model@" + at(10));
        assertThat(h.future().get().gramsAvoided()).isCloseTo(80, within(1e-9));
        assertThat(StateStore.directory(dir).load("scheduler/default")).isEmpty();
        assertThat(before.state()).isEqualTo(JobHandle.State.PENDING); // the old process's handle never ran it
    }

    @Test
    void a_job_whose_budget_is_spent_waits_for_the_reset_and_is_charged_after() throws Exception {
        CarbonBudget budget = CarbonBudget.builder("batch", 1.0, BudgetPeriod.fixed(MIDNIGHT, Duration.ofHours(6)))
                .clock(clock).build();
        budget.record("team-a", 1_000_000, MIDNIGHT); // spent
        CarbonScheduler<Backfill, String> s = CarbonScheduler.<Backfill, String>builder(cb, Backfill.class,
                (job, endpoint) -> {
                    ran.add(job.corpus() + "@" + clock.instant());
                    return "ok";
                }).executor(Runnable::run).usage(r -> Usage.of(750_000, 250_000))
                .budget(budget, Backfill::corpus).build();
        // PL is cleanest at 02:00–04:00 (250 g/kWh = 100 g/Mtok)
        JobHandle<String> h = s.submit(new Backfill("team-a", 1), Duration.ofHours(2), at(12), List.of(EU_EAST));
        assertThat(h.plan().start()).isEqualTo(at(2));

        clock.set(at(2));
        s.tick();
        assertThat(ran).isEmpty();
        assertThat(h.plan().start()).isEqualTo(at(6)); // the budget's reset

        clock.set(at(6));
        s.tick();
        assertThat(ran).containsExactly("team-a@" + at(6));
        // 1 M tokens at PL's 500 g/kWh from 06:00 = 200 g/Mtok
        assertThat(h.future().get().grams()).isCloseTo(100, within(1e-9)); // charged at the plan's mean
        assertThat(budget.usage("team-a").usedMicrograms()).isEqualTo(100_000_000L);
    }

    @Test
    void a_dry_run_plans_without_submitting() {
        CarbonScheduler<Backfill, String> s = scheduler(StateStore.inMemory());
        JobPlan p = s.plan(Duration.ofHours(2), at(24), List.<OfferingKey>of(EU_EAST, EU_CENTRAL));

        assertThat(p.start()).isEqualTo(at(10));
        assertThat(p.avoidedFraction()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(s.jobs()).isEmpty();
        assertThatThrownBy(() -> s.plan(Duration.ofHours(3), at(2), List.of(EU_EAST)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
