package ai.carbonbench.core.score;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import java.time.Instant;
import java.util.Objects;

/**
 * The answer of {@link ai.carbonbench.core.CarbonBench#bestWindow}: when and where a deferrable job emits least, and what starting now
 * would emit instead. Immutable.
 *
 * @param best        the cleanest start time and endpoint
 * @param startingNow the cleanest endpoint if the job started now
 */
public record WindowChoice(Window best, Window startingNow) {

    public WindowChoice {
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(startingNow, "startingNow");
    }

    /** Central grams per million tokens saved by waiting for {@link #best()}, against starting now. */
    public double gramsPerMillionTokensSaved() {
        return startingNow.meanGramsPerMillionTokens() - best.meanGramsPerMillionTokens();
    }

    /** {@link #gramsPerMillionTokensSaved()} as a fraction of starting now; 0 when starting now emits nothing. */
    public double savedFraction() {
        double now = startingNow.meanGramsPerMillionTokens();
        return now == 0 ? 0 : gramsPerMillionTokensSaved() / now;
    }

    /**
     * One candidate window.
     *
     * @param endpoint                  where the job runs
     * @param start                     when it starts
     * @param end                       when it ends ({@code start} + job duration)
     * @param meanGramsPerMillionTokens time-weighted mean of the central g/Mtok over the window
     * @param meanIntensityGramsPerKwh  time-weighted mean grid intensity over the window
     * @param provenance                the least trustworthy provenance of the hourly values used
     *                                  ({@code FORECAST} from a live source, {@code DEFAULT} from the typical profile)
     */
    public record Window(OfferingKey endpoint, Instant start, Instant end, double meanGramsPerMillionTokens,
            double meanIntensityGramsPerKwh, Provenance provenance) {
        public Window {
            Checks.nonNull("endpoint, start, end, provenance", endpoint, start, end, provenance);
        }
    }
}
