package ai.carbonbench.router.budget;

import static ai.carbonbench.router.budget.BudgetFixtures.EU_NORTH;
import static ai.carbonbench.router.budget.BudgetFixtures.US_EAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.carbonbench.core.CarbonBench;
import ai.carbonbench.core.testing.TestClock;
import ai.carbonbench.router.CarbonRouter;
import ai.carbonbench.router.Fixtures;
import ai.carbonbench.router.Usage;
import ai.carbonbench.router.state.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BudgetRestartTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-14T09:00:00Z"));

    private BudgetedRouter<String> start(StateStore store) {
        CarbonBench cb = BudgetFixtures.carbonBench(clock);
        CarbonRouter<String> router = CarbonRouter.<String>builder(cb).clock(clock).endpoint(US_EAST, "us")
                .endpoint(EU_NORTH, "se").build();
        return BudgetedRouter.of(router, CarbonBudget.builder("team-monthly", 0.28, BudgetPeriod.calendarMonth(
                ZoneId.of("Europe/Berlin"))).store(store).clock(clock).build());
    }

    @Test
    void a_restart_restores_a_half_spent_monthly_budget_from_disk() {
        BudgetedRouter<String> before = start(StateStore.directory(dir));
        for (int i = 0; i < 5; i++) { // 5 × 28,000 µg = half of 0.28 g
            before.call(BudgetedCall.of("research").withEstimate(1000, 500), c -> c, x -> Usage.of(1000, 500));
        }
        assertThat(before.budgets().get(0).usage("research").usedMicrograms()).isEqualTo(140_000);

        clock.set(Instant.parse("2026-12-20T12:00:00Z")); // the process restarts days later, same month
        BudgetedRouter<String> after = start(StateStore.directory(dir));
        CarbonBudget b = after.budgets().get(0);

        assertThat(b.keys()).containsExactly("research");
        assertThat(b.usage("research").usedMicrograms()).isEqualTo(140_000);
        for (int i = 0; i < 5; i++) {
            after.call(BudgetedCall.of("research").withEstimate(1000, 500), c -> c, x -> Usage.of(1000, 500));
        }
        assertThatThrownBy(() -> after.call(BudgetedCall.of("research").withEstimate(1000, 500), c -> c,
                x -> Usage.of(1000, 500))).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("resets at 2026-12-31T23:00:00Z");

        clock.set(Instant.parse("2027-01-01T00:00:00Z")); // 01:00 in Berlin: a new month
        assertThat(start(StateStore.directory(dir)).budgets().get(0).usage("research").usedMicrograms()).isZero();
    }

    @Test
    void the_in_memory_store_outlives_a_budget_object_but_not_the_store() {
        StateStore store = StateStore.inMemory();
        start(store).call(BudgetedCall.of("k").withEstimate(1000, 500), c -> c, x -> Usage.of(1000, 500));

        assertThat(start(store).budgets().get(0).usage("k").usedMicrograms()).isEqualTo(28_000);
        assertThat(start(StateStore.inMemory()).budgets().get(0).usage("k").usedMicrograms()).isZero();
    }

    @Test
    void any_key_string_survives_the_round_trip() {
        StateStore store = StateStore.directory(dir);
        String key = "team \"α\" \\ 1/2\n";
        start(store).call(BudgetedCall.of(key).withEstimate(1000, 500), c -> c, x -> Usage.of(1000, 500));

        CarbonBudget restored = start(store).budgets().get(0);
        assertThat(restored.keys()).containsExactly(key);
        assertThat(restored.usage(key).usedMicrograms()).isEqualTo(28_000);
    }
}
