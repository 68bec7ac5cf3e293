package ai.carbonbench.router.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

final class BudgetPeriodTest {

    private static final Instant T = Instant.parse("2026-12-15T10:42:00Z");

    @Test
    void a_rolling_day_counts_the_current_hour_and_the_23_before_it() {
        BudgetPeriod p = BudgetPeriod.rollingDay();

        assertThat(p.bucket(T)).isEqualTo(Instant.parse("2026-12-15T10:00:00Z"));
        assertThat(p.windowStart(T)).isEqualTo(Instant.parse("2026-12-14T11:00:00Z"));
        assertThat(p.resetAt(T)).isEqualTo(Instant.parse("2026-12-15T11:00:00Z"));
    }

    @Test
    void a_calendar_month_starts_at_local_midnight_on_the_first() {
        BudgetPeriod p = BudgetPeriod.calendarMonth(ZoneId.of("Europe/Paris"));

        assertThat(p.windowStart(T)).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(p.resetAt(T)).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        // 30 Nov 23:30 UTC is already December in Paris
        assertThat(p.bucket(Instant.parse("2026-11-30T23:30:00Z"))).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
    }

    @Test
    void fixed_windows_repeat_from_their_anchor_in_both_directions() {
        BudgetPeriod p = BudgetPeriod.fixed(Instant.parse("2026-12-15T09:00:00Z"), Duration.ofHours(6));

        assertThat(p.windowStart(T)).isEqualTo(Instant.parse("2026-12-15T09:00:00Z"));
        assertThat(p.resetAt(T)).isEqualTo(Instant.parse("2026-12-15T15:00:00Z"));
        assertThat(p.windowStart(Instant.parse("2026-12-15T08:59:59Z"))).isEqualTo(Instant.parse("2026-12-15T03:00:00Z"));
    }

    @Test
    void rolling_periods_are_whole_hours() {
        assertThatThrownBy(() -> BudgetPeriod.rolling(Duration.ofMinutes(90)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole hours");
        assertThatThrownBy(() -> BudgetPeriod.fixed(T, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
