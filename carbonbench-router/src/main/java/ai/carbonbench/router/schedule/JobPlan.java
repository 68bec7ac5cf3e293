package ai.carbonbench.router.schedule;

import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.core.grid.Provenance;
import java.time.Instant;
import java.util.Objects;

/**
 * When and where a {@link CarbonScheduler} plans to run a job, and what running it at submission would have
 * emitted instead. Immutable.
 *
 * @param endpoint                        where the job will run
 * @param start                           when it will start
 * @param latestStart                     the deadline minus the expected duration: the job never starts later
 * @param meanGramsPerMillionTokens       central g/Mtok averaged over the planned window
 * @param provenance                      the least trustworthy intensity used ({@code FORECAST} or {@code DEFAULT}, …)
 * @param submissionEndpoint              the cleanest endpoint had the job started at submission
 * @param submissionGramsPerMillionTokens its central g/Mtok over the job's duration from submission
 * @param replans                         how often the plan moved since submission
 */
public record JobPlan(OfferingKey endpoint, Instant start, Instant latestStart, double meanGramsPerMillionTokens,
        Provenance provenance, OfferingKey submissionEndpoint, double submissionGramsPerMillionTokens, int replans) {

    public JobPlan {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(latestStart, "latestStart");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(submissionEndpoint, "submissionEndpoint");
    }

    /** Central g/Mtok the plan avoids against running at submission. */
    public double gramsPerMillionTokensAvoided() {
        return submissionGramsPerMillionTokens - meanGramsPerMillionTokens;
    }

    /** {@link #gramsPerMillionTokensAvoided()} as a fraction of running at submission; 0 when that emits nothing. */
    public double avoidedFraction() {
        return submissionGramsPerMillionTokens == 0 ? 0 : gramsPerMillionTokensAvoided() / submissionGramsPerMillionTokens;
    }
}
