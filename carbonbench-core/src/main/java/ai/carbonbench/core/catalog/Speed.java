package ai.carbonbench.core.catalog;

import java.util.Objects;

/**
 * A published output speed for an offering.
 *
 * @param tokensPerSecond output tokens per second
 * @param source          who published it
 * @param date            when, as published (free text, e.g. {@code 2025-08})
 */
public record Speed(double tokensPerSecond, Source source, String date) {

    public Speed {
        Checks.positive("tokensPerSecond", tokensPerSecond);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(date, "date");
    }
}
