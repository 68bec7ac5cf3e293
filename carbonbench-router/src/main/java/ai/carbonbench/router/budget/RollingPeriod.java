package ai.carbonbench.router.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** {@link BudgetPeriod#rolling(Duration)}: hourly buckets, the current hour and the ones before it. */
record RollingPeriod(Duration length) implements BudgetPeriod {

    private static final Duration HOUR = Duration.ofHours(1);

    RollingPeriod {
        Objects.requireNonNull(length, "length");
        if (length.compareTo(HOUR) < 0 || !length.truncatedTo(ChronoUnit.HOURS).equals(length)) {
            throw new IllegalArgumentException("a rolling period must be a positive number of whole hours, was "
                    + length);
        }
    }

    @Override
    public Instant bucket(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    @Override
    public Instant windowStart(Instant now) {
        return bucket(now).minus(length).plus(HOUR);
    }

    @Override
    public Instant resetAt(Instant now) {
        return bucket(now).plus(HOUR);
    }

    @Override
    public String toString() {
        return "rolling " + length;
    }
}
