package ai.carbonbench.router.budget;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** {@link BudgetPeriod#calendarMonth(ZoneId)}: one bucket per calendar month in {@code zone}. */
record CalendarMonthPeriod(ZoneId zone) implements BudgetPeriod {

    CalendarMonthPeriod {
        Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Instant bucket(Instant t) {
        return ZonedDateTime.ofInstant(t, zone).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
    }

    @Override
    public Instant resetAt(Instant now) {
        return ZonedDateTime.ofInstant(bucket(now), zone).plusMonths(1).toInstant();
    }

    @Override
    public String toString() {
        return "calendar month (" + zone + ")";
    }
}
