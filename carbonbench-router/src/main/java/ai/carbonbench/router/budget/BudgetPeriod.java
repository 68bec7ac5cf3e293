package ai.carbonbench.router.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The period a {@link CarbonBudget}'s grams apply to: a rolling window ({@link #rollingDay()}), a calendar
 * month ({@link #calendarMonth(ZoneId)}) or fixed windows of any length ({@link #fixed(Instant, Duration)}).
 *
 * <p>Use is kept in buckets: one per hour for a rolling window (the window is the current hour and the ones
 * before it, so a rolling day counts between 23 and 24 hours of past use and frees the oldest hour's grams at
 * each hour boundary), one per period for the others (all use is freed at the period's end). Immutable values:
 * two periods made alike are equal.
 */
public sealed interface BudgetPeriod permits RollingPeriod, CalendarMonthPeriod, FixedPeriod {

    /** The current hour and the 23 before it. */
    static BudgetPeriod rollingDay() {
        return rolling(Duration.ofDays(1));
    }

    /** The current hour and the ones before it, {@code length} in all; whole hours, at least one. */
    static BudgetPeriod rolling(Duration length) {
        return new RollingPeriod(length);
    }

    /** Calendar months in {@code zone}: use is freed at midnight on the first of each month. */
    static BudgetPeriod calendarMonth(ZoneId zone) {
        return new CalendarMonthPeriod(zone);
    }

    /** Back-to-back windows of {@code length} starting at {@code anchor} (and every multiple before and after). */
    static BudgetPeriod fixed(Instant anchor, Duration length) {
        return new FixedPeriod(anchor, length);
    }

    /** The start of the bucket use at {@code t} is counted in. */
    Instant bucket(Instant t);

    /** The start of the earliest bucket that counts at {@code now}. */
    default Instant windowStart(Instant now) {
        return bucket(now);
    }

    /** When some of the use counted at {@code now} stops counting. */
    Instant resetAt(Instant now);

    /**
     * E.g. {@code rolling PT24H}, {@code calendar month (Europe/Paris)}, {@code fixed PT6H from 2026-01-01T00:00:00Z}.
     */
    @Override
    String toString();
}
