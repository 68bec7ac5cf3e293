package ai.carbonbench.router.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The period a {@link CarbonBudget}'s grams apply to: a rolling window ({@link #rollingDay()}), a calendar
 * month ({@link #calendarMonth(ZoneId)}) or fixed windows of any length ({@link #fixed(Instant, Duration)}).
 *
 * <p>Use is kept in buckets: one per hour for a rolling window (the window is the current hour and the ones
 * before it, so a rolling day counts between 23 and 24 hours of past use and frees the oldest hour's grams at
 * each hour boundary), one per period for the others (all use is freed at the period's end). Immutable.
 */
public final class BudgetPeriod {

    private enum Kind { ROLLING, CALENDAR_MONTH, FIXED }

    private static final Duration HOUR = Duration.ofHours(1);

    private final Kind kind;
    private final Duration length;
    private final ZoneId zone;
    private final Instant anchor;

    private BudgetPeriod(Kind kind, Duration length, ZoneId zone, Instant anchor) {
        this.kind = kind;
        this.length = length;
        this.zone = zone;
        this.anchor = anchor;
    }

    /** The current hour and the 23 before it. */
    public static BudgetPeriod rollingDay() {
        return rolling(Duration.ofDays(1));
    }

    /** The current hour and the ones before it, {@code length} in all; whole hours, at least one. */
    public static BudgetPeriod rolling(Duration length) {
        Objects.requireNonNull(length, "length");
        if (length.compareTo(HOUR) < 0 || !length.truncatedTo(ChronoUnit.HOURS).equals(length)) {
            throw new IllegalArgumentException("a rolling period must be a positive number of whole hours, was "
                    + length);
        }
        return new BudgetPeriod(Kind.ROLLING, length, ZoneOffset.UTC, Instant.EPOCH);
    }

    /** Calendar months in {@code zone}: use is freed at midnight on the first of each month. */
    public static BudgetPeriod calendarMonth(ZoneId zone) {
        return new BudgetPeriod(Kind.CALENDAR_MONTH, Duration.ZERO, Objects.requireNonNull(zone, "zone"),
                Instant.EPOCH);
    }

    /** Back-to-back windows of {@code length} starting at {@code anchor} (and every multiple before and after). */
    public static BudgetPeriod fixed(Instant anchor, Duration length) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(length, "length");
        if (length.toSeconds() < 1) {
            throw new IllegalArgumentException("a fixed period must last at least one second, was " + length);
        }
        return new BudgetPeriod(Kind.FIXED, length, ZoneOffset.UTC, anchor);
    }

    /** The start of the bucket use at {@code t} is counted in. */
    public Instant bucket(Instant t) {
        return switch (kind) {
            case ROLLING -> t.truncatedTo(ChronoUnit.HOURS);
            case CALENDAR_MONTH -> ZonedDateTime.ofInstant(t, zone).truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                    .toInstant();
            case FIXED -> {
                long n = Math.floorDiv(Duration.between(anchor, t).toSeconds(), length.toSeconds());
                yield anchor.plusSeconds(n * length.toSeconds());
            }
        };
    }

    /** The start of the earliest bucket that counts at {@code now}. */
    public Instant windowStart(Instant now) {
        return kind == Kind.ROLLING ? bucket(now).minus(length).plus(HOUR) : bucket(now);
    }

    /** When some of the use counted at {@code now} stops counting. */
    public Instant resetAt(Instant now) {
        return switch (kind) {
            case ROLLING -> bucket(now).plus(HOUR);
            case CALENDAR_MONTH -> ZonedDateTime.ofInstant(bucket(now), zone).plusMonths(1).toInstant();
            case FIXED -> bucket(now).plusSeconds(length.toSeconds());
        };
    }

    /** E.g. {@code rolling PT24H}, {@code calendar month (Europe/Paris)}, {@code fixed PT6H from 2026-01-01T00:00:00Z}. */
    @Override
    public String toString() {
        return switch (kind) {
            case ROLLING -> "rolling " + length;
            case CALENDAR_MONTH -> "calendar month (" + zone + ")";
            case FIXED -> "fixed " + length + " from " + anchor;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BudgetPeriod p && p.kind == kind && p.length.equals(length) && p.zone.equals(zone)
                && p.anchor.equals(anchor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, zone, anchor);
    }
}
