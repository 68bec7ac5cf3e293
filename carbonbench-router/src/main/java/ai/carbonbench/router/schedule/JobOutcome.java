package ai.carbonbench.router.schedule;

import ai.carbonbench.core.catalog.Checks;
import ai.carbonbench.core.catalog.OfferingKey;
import ai.carbonbench.router.Usage;
import java.time.Instant;

/**
 * What a scheduled job produced, where and when it ran, and the grams it avoided.
 *
 * <p>Grams are the job's tokens (from the scheduler's usage extractor) at the central g/Mtok averaged over the
 * window it ran in ({@code grams}) and over the window from its submission on the endpoint that was cleanest
 * then ({@code gramsIfRunAtSubmission}); both blend input and output tokens by the CarbonBench's token mix and
 * assume the job lasted its expected duration.
 *
 * @param jobId                  the job's id
 * @param result                 what the runner returned
 * @param endpoint               where it ran
 * @param startedAt              when it started
 * @param usage                  its tokens ({@link Usage#NONE} without a usage extractor)
 * @param grams                  central grams of CO2e
 * @param gramsIfRunAtSubmission central grams had it run at submission
 * @param plan                   the plan it ran under
 * @param <R>                    the result type
 */
public record JobOutcome<R>(String jobId, R result, OfferingKey endpoint, Instant startedAt, Usage usage,
        double grams, double gramsIfRunAtSubmission, JobPlan plan) {

    public JobOutcome {
        Checks.nonNull("jobId, endpoint, startedAt, usage, plan", jobId, endpoint, startedAt, usage, plan);
    }

    /** Central grams avoided against running at submission; negative if waiting emitted more. */
    public double gramsAvoided() {
        return gramsIfRunAtSubmission - grams;
    }
}
