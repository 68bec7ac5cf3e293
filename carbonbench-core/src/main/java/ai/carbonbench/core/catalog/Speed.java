package ai.carbonbench.core.catalog;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An output speed for an offering: output tokens per second for one stream.
 *
 * @param tokensPerSecond          output tokens per second for one stream
 * @param timeToFirstTokenSeconds  time to the first output token, where known
 * @param basis                    how the figure was obtained
 * @param source                   who published it
 * @param date                     when, as published (free text, e.g. {@code 2025-08})
 * @param note                     how it was derived (hardware, batch size, proxy), where useful
 */
public record Speed(double tokensPerSecond, OptionalDouble timeToFirstTokenSeconds, SpeedBasis basis, Source source,
        String date, Optional<String> note) {

    public Speed {
        Checks.positive("tokensPerSecond", tokensPerSecond);
        Objects.requireNonNull(timeToFirstTokenSeconds, "timeToFirstTokenSeconds");
        timeToFirstTokenSeconds.ifPresent(t -> Checks.nonNegative("timeToFirstTokenSeconds", t));
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(note, "note");
    }
}
