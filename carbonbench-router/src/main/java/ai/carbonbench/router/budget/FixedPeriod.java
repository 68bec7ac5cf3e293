package ai.carbonbench.router.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** {@link BudgetPeriod#fixed(Instant, Duration)}: back-to-back windows of {@code length} from {@code anchor}. */
record FixedPeriod(Instant anchor, Duration length) implements BudgetPeriod {

    FixedPeriod {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(length, "length");
        if (length.toSeconds() < 1) {
            throw new IllegalArgumentException("a fixed period must last at least one second, was " + length);
        }
    }

    @Override
    public Instant bucket(Instant t) {
        long n = Math.floorDiv(Duration.between(anchor, t).toSeconds(), length.toSeconds());
        return anchor.plusSeconds(n * length.toSeconds());
    }

    @Override
    public Instant resetAt(Instant now) {
        return bucket(now).plusSeconds(length.toSeconds());
    }

    @Override
    public String toString() {
        return "fixed " + length + " from " + anchor;
    }
}
